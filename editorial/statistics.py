"""The statistics report: for the portal or one unit, over a chosen period, the articles
published each month and by each author, each article's views and the most read; shown in
the admin and exported to Excel (openpyxl) and CSV, with Vietnamese headings."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from news.models import NewsPage

from .models import PageViews


@dataclass
class Period:
    start: object  # date, inclusive
    end: object  # date, inclusive


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def articles(scope_path, period):
    """The live articles under ``scope_path`` first published in ``period``: a range of
    publication times (an index), not the dates of every article computed and compared."""
    pages = NewsPage.objects.live().filter(
        first_published_at__gte=_start_of(period.start),
        first_published_at__lt=_start_of(period.end + datetime.timedelta(days=1)),
    )
    if scope_path:
        pages = pages.filter(path__startswith=scope_path)
    return pages


def views_in(period):
    return Subquery(
        PageViews.objects.filter(page=OuterRef("pk"), day__gte=period.start, day__lte=period.end)
        .order_by()
        .values("page")
        .annotate(total=Sum("views"))
        .values("total"),
        output_field=IntegerField(),
    )


def by_month(scope_path, period):
    rows = (
        articles(scope_path, period)
        .order_by()
        .annotate(month=TruncMonth("first_published_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("month")
    )
    return [(row["month"].strftime("%m/%Y"), row["count"]) for row in rows]


def by_author(scope_path, period):
    rows = (
        articles(scope_path, period)
        .order_by()
        .annotate(views=Coalesce(views_in(period), 0))
        .values("author")
        .annotate(count=Count("pk"), views=Sum("views"))
        .order_by("-count", "author")
    )
    unnamed = _("(no author given)")
    return [(row["author"] or unnamed, row["count"], row["views"] or 0) for row in rows]


def article_views(scope_path, period, limit=None):
    """Each article's views in the period, the most read first. Views count whatever
    the article's publication date, for the articles live under the scope."""
    viewed = PageViews.objects.filter(day__gte=period.start, day__lte=period.end, views__gt=0)
    # The articles read in the period first: the views of every article would be summed.
    pages = NewsPage.objects.live().filter(pk__in=viewed.values("page"))
    if scope_path:
        pages = pages.filter(path__startswith=scope_path)
    rows = (
        pages.annotate(views=views_in(period))
        .filter(views__gt=0)
        .order_by("-views", "-first_published_at")
        .values_list("pk", "title", "author", "first_published_at", "views")
    )
    if limit:
        rows = rows[:limit]
    return [
        (pk, title, author, published.strftime("%d/%m/%Y") if published else "", views)
        for pk, title, author, published, views in rows
    ]


def tables(scope_path, period):
    """Every table of the report: (key, sheet name, headings, rows)."""
    return [
        (
            "months",
            _("By month"),
            [_("Month"), _("Articles published")],
            by_month(scope_path, period),
        ),
        (
            "authors",
            _("By author"),
            [_("Author"), _("Articles published"), _("Views")],
            by_author(scope_path, period),
        ),
        (
            "views",
            _("Views per article"),
            [_("Page id"), _("Title"), _("Author"), _("Published on"), _("Views")],
            article_views(scope_path, period),
        ),
    ]


def as_csv(headings, rows):
    """CSV as Excel opens it in Vietnamese: UTF-8 with a byte-order mark."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(headings)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def as_xlsx(title, period_label, all_tables):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for _key, sheet_name, headings, rows in all_tables:
        sheet = workbook.create_sheet(sheet_name[:31])
        sheet.append([title])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([period_label])
        sheet.append([])
        sheet.append(headings)
        for cell in sheet[4]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(list(row))
        for column, heading in zip(sheet.columns, headings, strict=False):
            width = max([len(str(heading))] + [len(str(cell.value or "")) for cell in column[3:]])
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 70)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
