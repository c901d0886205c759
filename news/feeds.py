from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from wagtail.models import Site

from govcms.public_url import absolute
from govcms.units import get_unit_model

from .models import NewsPage

FEED_LENGTH = 20


class NewsFeed(Feed):
    """RSS 2.0 of the latest news: the whole portal's, or one unit's."""

    def get_object(self, request, unit_slug=None):
        self.site = Site.find_for_request(request)
        self.request = request
        if unit_slug is None:
            return None
        # The unit itself, not its English version (which has the same slug under /en/).
        units = get_unit_model().objects.live().public()
        return get_object_or_404(
            units.filter(locale__language_code=settings.LANGUAGE_CODE), slug=unit_slug
        )

    def title(self, unit):
        if unit is not None:
            return _("News of %(unit)s") % {"unit": unit.full_name}
        return _("News of %(portal)s") % {"portal": self.site.site_name if self.site else ""}

    # Every address absolute, on the portal's public host (govcms/public_url.py): Django
    # would otherwise complete them with whatever host the request named.
    def link(self, unit):
        return absolute(self.request, unit.get_url(self.request) if unit is not None else "/")

    def feed_url(self, unit):
        return absolute(self.request, self.request.path)

    def description(self, unit):
        return self.title(unit)

    def items(self, unit):
        news = NewsPage.objects.public_news()
        if unit is not None:
            news = news.filter(department=unit)
        return news.prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.date

    def item_author_name(self, item):
        return item.author or item.source or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
