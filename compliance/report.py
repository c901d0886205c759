"""What Decree 42/2022/NĐ-CP asks each unit's part of the portal to carry, and what each
unit still owes: the figures of the compliance panel on the admin's dashboard.

A category is "ok", "behind" (present but stale, e.g. no news for 45 days), "missing", or
"unavailable": its screens come with a later version of the portal, and it is shown, not
hidden, so that nobody takes silence for compliance. The figures for any number of units
come from a constant number of queries.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from wagtail.models import Page

from about.models import INFORMATION_PAGE_TYPES, Division, Leader
from departments.models import DepartmentPage
from editorial.models import PageReview
from govcms.page_cache import content_version
from legal.models import LegalDocumentIndexPage, LegalDocumentPage
from news.models import NewsIndexPage, NewsPage
from questions.models import OPEN_STATUSES, Question, QuestionIndexPage, Status
from schedule.models import ScheduleIndexPage, WeekSchedulePage
from schedule.weeks import monday_of

OK, BEHIND, MISSING, UNAVAILABLE = "ok", "behind", "missing", "unavailable"

CATEGORIES = [
    ("introduction", _("Introduction")),
    ("functions", _("Functions and duties")),
    ("organisation", _("Organisation")),
    ("leaders", _("Leaders")),
    ("contacts", _("Contact details")),
    ("english", _("English versions")),
    ("documents", pgettext_lazy("legal document", "Documents")),
    ("schedule", _("Work schedule")),
    ("news", _("News")),
    ("questions", _("Citizens' questions answered")),
]
# The categories whose screens are not in the portal yet (none now; kept for the next).
NOT_YET_AVAILABLE = set()
INFORMATION_KEYS = {model.information_key: model for model in INFORMATION_PAGE_TYPES}
LIST_MODELS = (NewsIndexPage, LegalDocumentIndexPage, ScheduleIndexPage, QuestionIndexPage)
# A safety net only: the key moves on with every change of published content.
DOCUMENTS_CACHE_SECONDS = 60 * 60


@dataclass
class Check:
    key: str
    label: str
    state: str
    detail: str = ""
    fix_url: str = ""
    fix_label: str = ""


@dataclass
class UnitReport:
    unit: DepartmentPage
    checks: list
    name: str = ""
    overdue_reviews: int = 0

    @property
    def gaps(self):
        return sum(check.state in (BEHIND, MISSING) for check in self.checks)


def _by_unit(queryset, unit_path_length, **aggregates):
    """``aggregates`` of ``queryset``'s pages, grouped by the unit above them (one query)."""
    rows = (
        queryset.order_by()
        .annotate(unit_path=Substr("path", 1, unit_path_length))
        .values("unit_path")
        .annotate(**aggregates)
    )
    return {row["unit_path"]: row for row in rows}


def _lists_by_unit(models, units, unit_path_length):
    """The pages of each of ``models`` directly under each unit: for each model, the first
    of each unit by the unit's path, and the paths of all of them (what the unit's figures
    count). One query, by the lists' depth and types (an index): a filter on the paths
    under the units would read every page of their subtrees."""
    depth = unit_path_length // Page.steplen + 1
    prefixes = tuple(unit.path for unit in units)
    types = {ContentType.objects.get_for_model(model).pk: model for model in models}
    found = {model: ({}, []) for model in models}
    pages = (
        Page.objects.filter(depth=depth, content_type_id__in=types)
        .order_by("path")
        .only("pk", "path", "content_type_id")
    )
    for page in pages:
        if page.path.startswith(prefixes):
            first, paths = found[types[page.content_type_id]]
            first.setdefault(page.path[:unit_path_length], page)
            paths.append(page.path)
    return found


def _newest_news(news_lists, unit_path_length):
    """The date of the newest listed article of each unit's news lists, by unit: one
    article per list, read from the lists' index (newest first)."""
    newest_of_list = Subquery(
        NewsPage.objects.filter(listed=True, news_index=OuterRef("pk"))
        .order_by("-date", "-pk")
        .values("date")[:1]
    )
    news = {}
    rows = (
        Page.objects.filter(path__in=news_lists)
        .annotate(newest=newest_of_list)
        .values_list("path", "newest")
    )
    for path, newest in rows:
        unit_path = path[:unit_path_length]
        if newest is not None and (unit_path not in news or newest > news[unit_path]["newest"]):
            news[unit_path] = {"newest": newest}
    return news


DOCUMENTS_CACHE_KEY = "compliance:documents"


def _documents_by_unit(document_lists, unit_path_length):
    """How many documents each unit publishes, and the newest's issue date. Counting them
    reads every published document of the units (50,000 on a large portal), so the
    figures are kept in the shared cache under the public pages' content version, which
    every publication, unpublication, move or deletion of a page moves on (as it does
    for the page cache: docs/caching.md)."""
    key = "{}:{}:{}:{}".format(
        DOCUMENTS_CACHE_KEY,
        content_version(),
        unit_path_length,
        hashlib.md5("|".join(document_lists).encode()).hexdigest(),
    )
    documents = cache.get(key)
    if documents is None:
        documents = _by_unit(
            LegalDocumentPage.objects.live().public().filter(_under(document_lists)),
            unit_path_length,
            newest=Max("issued_on"),
            count=Count("pk"),
        )
        cache.set(key, documents, timeout=DOCUMENTS_CACHE_SECONDS)
    return documents


def _days_since(day, today):
    return max((today - day).days, 0)  # a date ahead (an issue date set early) is fresh


def unit_reports(units, today=None):
    """A report for each unit of ``units`` (all at the same depth, as units are)."""
    units = list(units)
    if not units:
        return []
    today = today or timezone.localdate()
    length = len(units[0].path)
    # Each figure counts what sits in the unit's own lists, so that the department's row
    # (the home page, above every unit) counts only the department's own.
    lists = _lists_by_unit(LIST_MODELS, units, length)
    news_indexes, news_lists = lists[NewsIndexPage]
    document_indexes, document_lists = lists[LegalDocumentIndexPage]
    schedules, schedule_lists = lists[ScheduleIndexPage]
    question_lists, question_list_paths = lists[QuestionIndexPage]
    news = _newest_news(news_lists, length)
    documents = _documents_by_unit(document_lists, length)
    information = _information_by_unit(units, length)
    english = set(
        Page.objects.filter(
            locale__language_code="en",
            live=True,
            translation_key__in=[unit.translation_key for unit in units]
            + [page["key"] for pages in information.values() for page in pages.values()],
        ).values_list("translation_key", flat=True)
    )
    monday = monday_of(today)
    weeks = {}
    for path, week_start in (
        WeekSchedulePage.objects.live()
        .filter(
            path__regex=_prefixes(schedule_lists),
            week_start__in=[monday, monday + datetime.timedelta(7)],
        )
        .values_list("path", "week_start")
    ):
        weeks.setdefault(path[:length], set()).add(week_start)
    late = timezone.now() - datetime.timedelta(days=settings.GOVCMS_QUESTIONS_ANSWER_DAYS)
    questions = {
        row["unit_path"]: row
        for row in Question.objects.filter(index__path__in=question_list_paths)
        .order_by()
        .annotate(unit_path=Substr("index__path", 1, length))
        .values("unit_path")
        .annotate(
            late=Count("pk", filter=Q(status__in=OPEN_STATUSES, created_at__lt=late)),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            answered=Count("pk", filter=Q(status=Status.ANSWERED)),
        )
    }
    overdue = _overdue_reviews(units, length, today)
    return [
        UnitReport(
            unit,
            [
                _check(
                    key,
                    label,
                    unit,
                    today,
                    news=news.get(unit.path),
                    documents=documents.get(unit.path),
                    information=information.get(unit.path, {}),
                    english=english,
                    schedule=schedules.get(unit.path),
                    weeks=weeks.get(unit.path, set()),
                    question_list=question_lists.get(unit.path),
                    questions=questions.get(unit.path),
                    news_index=news_indexes.get(unit.path),
                    document_index=document_indexes.get(unit.path),
                )
                for key, label in CATEGORIES
            ],
            overdue_reviews=overdue.get(unit.path, 0),
        )
        for unit in units
    ]


def _overdue_reviews(units, unit_path_length, today):
    """Pages past their review date (editorial/reviews.py), by unit. The department's row
    counts its own pages, not those of the units under it."""
    plans = PageReview.objects.filter(next_review__lt=today, page__path__regex=_prefixes(units))
    if not isinstance(units[0], DepartmentPage):
        unit_paths = list(DepartmentPage.objects.values_list("path", flat=True))
        if unit_paths:
            plans = plans.exclude(page__path__regex=_prefixes(unit_paths))
    return dict(
        plans.order_by()
        .annotate(unit_path=Substr("page__path", 1, unit_path_length))
        .values("unit_path")
        .annotate(count=Count("pk"))
        .values_list("unit_path", "count")
    )


def _information_by_unit(units, unit_path_length):
    """Each unit's information pages, by unit path then category: whether the page is
    live, and how many leaders or divisions it lists (one query for any number)."""
    depth = unit_path_length // Page.steplen + 1
    rows = (
        Page.objects.type(*INFORMATION_PAGE_TYPES)
        .filter(depth=depth, path__regex=_prefixes(units))
        .annotate(members=_count_of(Leader) + _count_of(Division))
        .order_by("path")
        .values_list(
            "pk", "path", "live", "content_type__model", "members", "translation_key", "title"
        )
    )
    models = {model._meta.model_name: model.information_key for model in INFORMATION_PAGE_TYPES}
    found = {}
    for pk, path, live, model_name, members, key, title in rows:
        found.setdefault(path[:unit_path_length], {}).setdefault(
            models[model_name],
            {"pk": pk, "live": live, "members": members, "key": key, "title": title},
        )
    return found


def _count_of(model):
    """How many ``model`` rows (leaders, divisions) the page lists."""
    rows = model.objects.filter(page_id=OuterRef("pk")).order_by().values("page_id")
    return Coalesce(Subquery(rows.annotate(count=Count("pk")).values("count")), 0)


def _under(paths):
    """The pages under any of ``paths``: ranges of the path index, where a regular
    expression (``_prefixes``) reads every page."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def _prefixes(pages):
    """A regular expression for the paths under any of ``pages`` (pages or paths); one
    that matches nothing when there are none."""
    paths = [getattr(page, "path", page) for page in pages]
    return "^(" + "|".join(paths) + ")" if paths else "^$"


def _check_information(check, unit, model, page):
    """An information page: there, published, and (for leaders and the organisation)
    listing at least one person or division."""
    meta = model._meta
    if page is None:
        check.state = MISSING
        check.detail = _("There is no %(page)s.") % {"page": meta.verbose_name}
        check.fix_url = _add(unit, meta.app_label, meta.model_name)
        check.fix_label = _("Create the page")
    elif not page["live"]:
        check.state = MISSING
        check.detail = _("The %(page)s is written but not published yet.") % {
            "page": meta.verbose_name
        }
        check.fix_url, check.fix_label = _edit(page["pk"]), _("Open the page")
    elif model.information_key in ("leaders", "organisation") and not page["members"]:
        check.state = MISSING
        check.detail = _("The %(page)s lists nobody.") % {"page": meta.verbose_name}
        check.fix_url, check.fix_label = _edit(page["pk"]), _("Open the page")


def _check_english(check, unit, information, english):
    """The unit page and each of its information pages have a published English
    version: a missing one is a gap, with the screen that starts it."""
    pages = [(unit.pk, unit.translation_key, unit.title)] + [
        (page["pk"], page["key"], page["title"]) for page in information.values()
    ]
    missing = [(pk, title) for pk, key, title in pages if key not in english]
    if missing:
        check.state = MISSING
        check.detail = _("No English version of: %(pages)s.") % {
            "pages": ", ".join(title for _pk, title in missing)
        }
        check.fix_url = reverse("simple_translation:submit_page_translation", args=[missing[0][0]])
        check.fix_label = _("Make the English version")
    else:
        check.detail = ngettext(
            "%(count)s page has its English version.",
            "%(count)s pages have their English version.",
            len(pages),
        ) % {"count": len(pages)}


def _check_schedule(check, unit, today, schedule, weeks):
    """This week's schedule is published; next week's is too from the day set in
    settings (GOVCMS_SCHEDULE_NEXT_WEEK_BY)."""
    if schedule is None:
        check.state, check.detail = MISSING, _("The unit has no work schedule.")
        check.fix_url = _add(unit, "schedule", "scheduleindexpage")
        check.fix_label = _("Create the work schedule")
        return
    monday = monday_of(today)
    next_monday = monday + datetime.timedelta(days=7)
    if monday not in weeks:
        check.state, check.detail = MISSING, _("This week's schedule is not published.")
    elif next_monday not in weeks and today.weekday() >= settings.GOVCMS_SCHEDULE_NEXT_WEEK_BY:
        check.state, check.detail = BEHIND, _("Next week's schedule is not published yet.")
    else:
        check.detail = _("This week's schedule is published.")
        return
    check.fix_url = _add(schedule, "schedule", "weekschedulepage")
    check.fix_label = _("Write the week's schedule")


def _check_questions(check, unit, question_list, questions):
    """The unit takes questions, and none waits longer than GOVCMS_QUESTIONS_ANSWER_DAYS."""
    if question_list is None:
        check.state, check.detail = MISSING, _("The unit takes no citizens' questions.")
        check.fix_url = _add(unit, "questions", "questionindexpage")
        check.fix_label = _("Create the questions page")
        return
    questions = questions or {"late": 0, "open": 0, "answered": 0}
    check.detail = _("%(answered)s answered, %(open)s waiting.") % questions
    if questions["late"]:
        check.state = BEHIND
        check.detail = ngettext(
            "%(late)s question waits for more than %(days)s days.",
            "%(late)s questions wait for more than %(days)s days.",
            questions["late"],
        ) % {"late": questions["late"], "days": settings.GOVCMS_QUESTIONS_ANSWER_DAYS}
        check.fix_url = reverse("questions_question:index") + "?late=true"
        check.fix_label = _("Answer the questions")


def _edit(pk):
    return reverse("wagtailadmin_pages:edit", args=[pk])


def _add(parent, app_label, model_name):
    return reverse("wagtailadmin_pages:add", args=[app_label, model_name, parent.pk])


def _check(
    key,
    label,
    unit,
    today,
    *,
    news,
    documents,
    information,
    english,
    schedule,
    weeks,
    question_list,
    questions,
    news_index,
    document_index,
):
    check = Check(key, label, OK)
    if key in NOT_YET_AVAILABLE:
        check.state = UNAVAILABLE
        check.detail = _("Not available yet: comes with a later version of the portal.")
        return check
    if key in INFORMATION_KEYS:
        _check_information(check, unit, INFORMATION_KEYS[key], information.get(key))
    elif key == "english":
        _check_english(check, unit, information, english)
    elif key == "schedule":
        _check_schedule(check, unit, today, schedule, weeks)
    elif key == "questions":
        _check_questions(check, unit, question_list, questions)
    elif key == "documents":
        if document_index is None:
            check.state, check.detail = MISSING, _("The unit has no document list.")
            check.fix_url = _add(unit, "legal", "legaldocumentindexpage")
            check.fix_label = _("Create the document list")
        elif documents is None:
            check.state, check.detail = MISSING, _("No document is published.")
            check.fix_url = _add(document_index, "legal", "legaldocumentpage")
            check.fix_label = _("Add a document")
        else:
            age = _days_since(documents["newest"], today)
            check.detail = ngettext(
                "%(count)s document; the newest issued %(days)s days ago.",
                "%(count)s documents; the newest issued %(days)s days ago.",
                documents["count"],
            ) % {"count": documents["count"], "days": age}
            if age > settings.GOVCMS_COMPLIANCE_DOCUMENTS_DAYS:
                check.state = BEHIND
                check.fix_url = _add(document_index, "legal", "legaldocumentpage")
                check.fix_label = _("Add a document")
    elif key == "news":
        if news is None:
            check.state, check.detail = MISSING, _("No news is published.")
        else:
            age = _days_since(timezone.localdate(news["newest"]), today)
            check.detail = _("Newest news %(days)s days ago.") % {"days": age}
            if age > settings.GOVCMS_COMPLIANCE_NEWS_DAYS:
                check.state = BEHIND
                check.detail = _("No news for %(days)s days.") % {"days": age}
        if check.state != OK and news_index is not None:
            check.fix_url = _add(news_index, "news", "newspage")
            check.fix_label = _("Write news")
    return check
