from wagtail import hooks

from govcms.admin_listings import ListViewSet

from .models import NewsPage


class NewsPageViewSet(ListViewSet):
    """A news list's explorer, the newest article first."""

    model = NewsPage
    date_field = "date"
    icon = "doc-full"


@hooks.register("register_admin_viewset")
def register_news_page_views():
    return NewsPageViewSet("news_pages")
