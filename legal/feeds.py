from django.contrib.syndication.views import Feed
from django.utils.translation import gettext as _

from govcms.public_url import absolute

FEED_LENGTH = 20


class DocumentFeed(Feed):
    """RSS 2.0 of one document list's newest documents (its ``rss/`` address)."""

    def __init__(self, index):
        super().__init__()
        self.index = index

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        unit = index.get_parent().specific
        return _("Documents of %(owner)s") % {"owner": getattr(unit, "full_name", unit.title)}

    def link(self, index):
        return absolute(self.request, index.get_url(self.request))

    def feed_url(self, index):
        return absolute(self.request, self.request.path)

    def description(self, index):
        return self.title(index)

    def items(self, index):
        return index.get_documents()[:FEED_LENGTH]

    def item_title(self, item):
        return f"{item.number} – {item.title}"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [item.document_type.name]
