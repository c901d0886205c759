from wagtail import hooks

from govcms.admin_listings import list_viewset

from .models import NewsPage


@hooks.register("register_admin_viewset")
def register_news_page_views():
    """A news list's explorer, the newest article first."""
    return list_viewset(NewsPage, "date", icon="doc-full")
