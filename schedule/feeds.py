from django.contrib.syndication.views import Feed
from django.utils import formats
from django.utils.translation import gettext as _

from govcms.public_url import absolute

from .models import SESSION_ORDER, EntryStatus

FEED_LENGTH = 10


class ScheduleFeed(Feed):
    """RSS 2.0 of a schedule's published weeks, newest first (its ``rss/`` address); each
    item lists the week's entries, moved and cancelled ones marked as such."""

    def __init__(self, schedule):
        super().__init__()
        self.schedule = schedule

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.schedule

    def title(self, schedule):
        owner = schedule.get_parent().specific
        return _("Work schedule of %(owner)s") % {"owner": getattr(owner, "full_name", owner.title)}

    def link(self, schedule):
        return absolute(self.request, schedule.get_url(self.request))

    def feed_url(self, schedule):
        return absolute(self.request, self.request.path)

    def description(self, schedule):
        return self.title(schedule)

    def items(self, schedule):
        return schedule.published_weeks().prefetch_related("entries")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        entries = sorted(
            item.entries.all(), key=lambda entry: (entry.day, SESSION_ORDER[entry.session])
        )
        lines = []
        for entry in entries:
            when = formats.date_format(entry.day, "l d/m")
            text = f"{when}, {entry.get_session_display().lower()}"
            if entry.start_time:
                text += f" {entry.start_time:%H:%M}"
            text += f": {entry.title} ({entry.lead})"
            if entry.place:
                text += f", {entry.place}"
            if entry.status != EntryStatus.PLANNED:
                text += f" [{entry.get_status_display()}"
                text += f": {entry.status_note}]" if entry.status_note else "]"
            lines.append(text)
        return "\n".join(lines) or _("No entry this week.")

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
