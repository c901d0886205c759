from wagtail import hooks

from govcms.admin_listings import list_viewset

from .models import WeekSchedulePage


@hooks.register("register_admin_viewset")
def register_week_page_views():
    """A schedule's explorer, the latest week first."""
    return list_viewset(WeekSchedulePage, "week_start", icon="date")
