"""What Decree 42/2022/NĐ-CP asks each unit's part of the portal to carry, and what each
unit still owes: the figures of the compliance panel on the admin's dashboard.

A category is "ok", "behind" (present but stale, e.g. no news for 45 days), "missing", or
"unavailable": its screens come with a later version of the portal, and it is shown, not
hidden, so that nobody takes silence for compliance. The figures for any number of units
come from a constant number of queries.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from departments.models import DepartmentLeader, DepartmentPage
from legal.models import LegalDocumentIndexPage, LegalDocumentPage
from news.models import NewsIndexPage, NewsPage

OK, BEHIND, MISSING, UNAVAILABLE = "ok", "behind", "missing", "unavailable"

CATEGORIES = [
    ("introduction", _("Introduction")),
    ("functions", _("Functions and duties")),
    ("organisation", _("Organisation")),
    ("leaders", _("Leaders and contacts")),
    ("english", _("English introduction")),
    ("documents", pgettext_lazy("legal document", "Documents")),
    ("schedule", _("Work schedule")),
    ("news", _("News")),
    ("questions", _("Citizens' questions answered")),
]
# The categories whose screens (unit information pages, English versions, the work
# schedule, citizens' questions) are not in the portal yet.
NOT_YET_AVAILABLE = {"functions", "organisation", "english", "schedule", "questions"}


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


def _children_by_unit(model, unit_path_length):
    """The first page of ``model`` directly under each unit, by the unit's path."""
    pages = model.objects.filter(depth=(unit_path_length // model.steplen) + 1).order_by("path")
    found = {}
    for page in pages.only("pk", "path"):
        found.setdefault(page.path[:unit_path_length], page)
    return found


def _days_since(day, today):
    return max((today - day).days, 0)  # a date ahead (an issue date set early) is fresh


def unit_reports(units, today=None):
    """A report for each unit of ``units`` (all at the same depth, as units are)."""
    units = list(units)
    if not units:
        return []
    today = today or timezone.localdate()
    length = len(units[0].path)
    news = _by_unit(
        NewsPage.objects.filter(listed=True, path__regex=_prefixes(units)),
        length,
        newest=Max("date"),
    )
    documents = _by_unit(
        LegalDocumentPage.objects.live().public().filter(path__regex=_prefixes(units)),
        length,
        newest=Max("issued_on"),
        count=Count("pk"),
    )
    leaders = dict(
        DepartmentLeader.objects.filter(page__in=units)
        .values_list("page")
        .annotate(count=Count("pk"))
    )
    news_indexes = _children_by_unit(NewsIndexPage, length)
    document_indexes = _children_by_unit(LegalDocumentIndexPage, length)
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
                    leaders=leaders.get(unit.pk, 0),
                    news_index=news_indexes.get(unit.path),
                    document_index=document_indexes.get(unit.path),
                )
                for key, label in CATEGORIES
            ],
        )
        for unit in units
    ]


def _prefixes(units):
    return "^(" + "|".join(unit.path for unit in units) + ")"


def _edit(unit):
    return reverse("wagtailadmin_pages:edit", args=[unit.pk])


def _add(parent, app_label, model_name):
    return reverse("wagtailadmin_pages:add", args=[app_label, model_name, parent.pk])


def _check(key, label, unit, today, *, news, documents, leaders, news_index, document_index):
    check = Check(key, label, OK)
    if key in NOT_YET_AVAILABLE:
        check.state = UNAVAILABLE
        check.detail = _("Not available yet: comes with the unit information pages.")
        return check
    if key == "introduction":
        if not (unit.introduction or "").strip():
            check.state, check.detail = MISSING, _("The unit page has no introduction.")
            check.fix_url, check.fix_label = _edit(unit), _("Write the introduction")
    elif key == "leaders":
        lacking = []
        if not leaders:
            lacking.append(str(_("leaders")))
        if not (unit.phone or unit.email):
            lacking.append(str(_("phone or e-mail")))
        if not unit.address:
            lacking.append(str(_("address")))
        if lacking:
            check.state = MISSING
            check.detail = _("Missing: %(items)s.") % {"items": ", ".join(lacking)}
            check.fix_url, check.fix_label = _edit(unit), _("Complete the unit page")
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
