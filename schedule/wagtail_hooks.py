from wagtail import hooks

from govcms.admin_listings import ListViewSet

from .models import WeekSchedulePage


class WeekSchedulePageViewSet(ListViewSet):
    """A schedule's explorer, the latest week first."""

    model = WeekSchedulePage
    date_field = "week_start"
    icon = "date"


@hooks.register("register_admin_viewset")
def register_week_page_views():
    return WeekSchedulePageViewSet("week_schedule_pages")
