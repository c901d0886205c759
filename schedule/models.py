"""The leaders' weekly work schedule (lịch công tác): one page per week under each unit's
schedule (and the department's). A week is a page of the unit's subtree, so every change
to it goes through the unit's approval like news. Once a week is public, its entries can
be marked moved or cancelled but not removed: citizens who saw an entry see what became
of it."""

import datetime

from django import forms
from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from govcms.forms import PortalPageForm
from govcms.pages import BasePage

from .weeks import days_of, monday_of, monday_of_week, this_monday, week_slug

# The years a schedule may name (the calendar's own ends cannot be stepped past).
FIRST_YEAR, LAST_YEAR = 2000, 2099


class Session(models.TextChoices):
    MORNING = "sang", _("Morning")
    AFTERNOON = "chieu", _("Afternoon")
    EVENING = "toi", _("Evening")
    ALL_DAY = "ca-ngay", _("All day")


SESSION_ORDER = {value: rank for rank, value in enumerate(Session.values)}


class EntryStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("schedule entry", "As planned")
    MOVED = "moved", pgettext_lazy("schedule entry", "Moved")
    CANCELLED = "cancelled", pgettext_lazy("schedule entry", "Cancelled")


class ScheduleIndexPage(RoutablePageMixin, BasePage):
    """A unit's (or the department's) schedule: this week at its address, any other
    week at ``tuan-<week>-<year>/``, and a feed of the published weeks."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage", "departments.DepartmentPage"]
    subpage_types = ["schedule.WeekSchedulePage"]
    max_count_per_parent = 1
    page_description = _("The leaders' weekly work schedule of a unit or of the department.")

    class Meta:
        verbose_name = _("work schedule")
        verbose_name_plural = _("work schedules")

    def published_weeks(self):
        return published_weeks(self).order_by("-week_start")

    def week_page(self, monday):
        return self.published_weeks().filter(week_start=monday).first()

    @path("rss/", name="feed")
    def feed(self, request):
        from .feeds import ScheduleFeed

        return ScheduleFeed(self)(request)

    @path("tuan-<int:week>-<int:year>/", name="week")
    def other_week(self, request, week, year):
        """A week nobody has published (a published week is a page of its own)."""
        try:
            monday = monday_of_week(year, week)
        except ValueError:
            raise Http404 from None
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise Http404
        return self.render_week(request, monday, None)

    @path("", name="this_week")
    def this_week(self, request):
        monday = this_monday()
        return self.render_week(request, monday, self.week_page(monday), canonical=True)

    def render_week(self, request, monday, week_page, canonical=False):
        return self.render(
            request,
            context_overrides=week_context(self, monday, week_page)
            | {"canonical": self.get_full_url(request) if canonical else None},
        )


def published_weeks(schedule):
    """The live, public weeks of ``schedule`` (the specific page or the plain one)."""
    return WeekSchedulePage.objects.child_of(schedule).live().public()


def week_context(schedule, monday, week_page):
    """What the week's view shows: its days with their entries, and the ways to the
    previous, the next and the current week. ``schedule`` may be the plain page."""
    entries = list(week_page.entries.all()) if week_page else []
    entries.sort(
        key=lambda entry: (
            entry.day,
            SESSION_ORDER[entry.session],
            entry.start_time or datetime.time(),
        )
    )
    days = [(day, [entry for entry in entries if entry.day == day]) for day in days_of(monday)]
    base = schedule.url
    current = this_monday()
    before, after = (monday - datetime.timedelta(days=7), monday + datetime.timedelta(days=7))
    neighbours = set(
        published_weeks(schedule)
        .filter(week_start__in=[before, after])
        .values_list("week_start", flat=True)
    )
    return {
        "schedule": schedule,
        "week_page": week_page,
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "week_number": monday.isocalendar()[1],
        "days": [(day, items) for day, items in days if items or day.weekday() < 5],
        "has_entries": bool(entries),
        "previous_url": f"{base}{week_slug(before)}/",
        "next_url": f"{base}{week_slug(after)}/",
        # Empty weeks are endless: search engines are kept to the published ones.
        "previous_published": before in neighbours,
        "next_published": after in neighbours,
        "current_url": base,
        "is_current": monday == current,
    }


class WeekScheduleForm(PortalPageForm):
    """The week's title and address come from its Monday; once the week is public, its
    entries are marked moved or cancelled, never removed, and never moved to another day
    or time without saying so. (Their wording may be corrected: that goes through
    approval like any change.)"""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "slug"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        cleaned_data = super().clean()
        start = cleaned_data.get("week_start")
        if start is None:
            return cleaned_data
        if not FIRST_YEAR <= start.year <= LAST_YEAR:
            self.add_error(
                "week_start",
                _("Choose a week between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
            )
            return cleaned_data
        monday = cleaned_data["week_start"] = monday_of(start)
        cleaned_data["title"] = WeekSchedulePage.title_for(monday)
        cleaned_data["slug"] = week_slug(monday)
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        clashes = WeekSchedulePage.objects.child_of(parent).filter(week_start=monday)
        if self.instance.pk:
            clashes = clashes.exclude(pk=self.instance.pk)
        if clashes.exists():
            self.add_error("week_start", _("This week already has its schedule."))
        self._check_entries(monday)
        return cleaned_data

    def _check_entries(self, monday):
        formset = self.formsets.get("entries")
        if formset is None:
            return
        sunday = monday + datetime.timedelta(days=6)
        published = self._published_entries()
        kept = set()
        for form in formset.forms:
            if not form.is_valid():
                continue
            data = form.cleaned_data
            if not data or (data.get("DELETE") and form.instance.pk is None):
                continue
            before = published.get(form.instance.pk)
            if before is not None:
                if data.get("DELETE"):
                    continue  # reported below, with the other removed entries
                kept.add(form.instance.pk)
                when = (data.get("day"), data.get("session"), data.get("start_time"))
                moved = when != (before.day, before.session, before.start_time)
                if moved and data.get("status") == EntryStatus.PLANNED:
                    form.add_error(
                        "status",
                        _(
                            "This entry is already public: mark it as moved, and say in the "
                            "note where to, when you change its day or time."
                        ),
                    )
            day = data.get("day")
            if day and not monday <= day <= sunday:
                form.add_error(
                    "day",
                    _("Pick a day of the week from %(monday)s to %(sunday)s.")
                    % {
                        "monday": formats.date_format(monday, "SHORT_DATE_FORMAT"),
                        "sunday": formats.date_format(sunday, "SHORT_DATE_FORMAT"),
                    },
                )
        removed = [entry for pk, entry in published.items() if pk not in kept]
        if removed:
            self.add_error(
                None,
                _(
                    "An entry that is already public cannot be removed: mark it as cancelled "
                    "or moved instead (%(entries)s)."
                )
                % {"entries": "; ".join(entry.title for entry in removed)},
            )

    def _published_entries(self):
        page = self.instance
        if not page.pk or not page.live or page.live_revision is None:
            return {}
        return {entry.pk: entry for entry in page.live_revision.as_object().entries.all()}


class WeekSchedulePage(BasePage):
    """One week of a schedule; its address is the week's name (``tuan-49-2026``)."""

    week_start = models.DateField(
        _("week"), help_text=_("Any day of the week: the schedule starts on its Monday.")
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)

    content_panels = [
        FieldPanel("week_start"),
        FieldPanel("note"),
        InlinePanel("entries", heading=_("Entries"), label=_("Entry")),
    ]
    promote_panels = []
    search_fields = BasePage.search_fields + [
        index.SearchField("note"),
        index.FilterField("week_start"),  # the list's explorer orders a search by it
    ]
    base_form_class = WeekScheduleForm

    parent_page_types = ["schedule.ScheduleIndexPage"]
    subpage_types = []
    page_description = _("The leaders' schedule of one week.")

    class Meta:
        verbose_name = _("week's schedule")
        verbose_name_plural = _("weeks' schedules")
        indexes = [models.Index(fields=["week_start"])]

    @staticmethod
    def title_for(monday):
        """The week's title, in the portal's language whoever saves it."""
        sunday = monday + datetime.timedelta(days=6)
        with translation.override(settings.LANGUAGE_CODE):
            return str(_("Work schedule, week %(week)s (%(monday)s – %(sunday)s)")) % {
                "week": monday.isocalendar()[1],
                "monday": monday.strftime("%d/%m"),
                "sunday": sunday.strftime("%d/%m/%Y"),
            }

    def _set_core_field_defaults(self):
        if self.week_start:
            self.week_start = monday_of(self.week_start)
            self.title = self.title or self.title_for(self.week_start)
            self.slug = self.slug or week_slug(self.week_start)
        super()._set_core_field_defaults()

    def route(self, request, path_components):
        # A week written but not yet public shows as an empty week of its (live) schedule,
        # not as "not found".
        if not path_components and not self.live:
            schedule = self.get_parent().specific
            if not schedule.live:
                raise Http404  # (a schedule not live would hand the week back here)
            return schedule.route(request, [self.slug])
        return super().route(request, path_components)

    def get_template(self, request, *args, **kwargs):
        return "schedule/schedule_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The schedule above, from the ancestors the page has just read (no query).
        context.update(week_context(context["ancestors"][-1], self.week_start, self))
        return context


class ScheduleEntry(Orderable):
    page = ParentalKey(WeekSchedulePage, on_delete=models.CASCADE, related_name="entries")
    day = models.DateField(_("day"))
    session = models.CharField(
        _("session"), max_length=10, choices=Session.choices, default=Session.MORNING
    )
    start_time = models.TimeField(_("time"), null=True, blank=True)
    title = models.CharField(_("what"), max_length=500)
    lead = models.CharField(_("led by"), max_length=255)
    attendees = models.TextField(_("attending"), blank=True, max_length=1000)
    place = models.CharField(_("place"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.PLANNED
    )
    status_note = models.CharField(
        _("change note"),
        max_length=255,
        blank=True,
        help_text=_("For a moved or cancelled entry: what changed, e.g. moved to Thursday 14:00."),
    )

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("session"), FieldPanel("start_time")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("lead"), FieldPanel("place")]),
        FieldPanel("attendees", widget=forms.Textarea(attrs={"rows": 2})),
        FieldRowPanel([FieldPanel("status"), FieldPanel("status_note")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("entry")
        verbose_name_plural = _("entries")

    def __str__(self):
        return self.title
