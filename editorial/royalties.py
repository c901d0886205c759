"""Royalties (nhuận bút): the board's grades, an approver's assignment of a grade and its
authors to each published article, and the month's statement per author and per unit, in
the layout an accounting office expects (agency header, period, table, totals, signature
blocks). Assignments are logged in the page's history; a unit's staff see their unit only.
"""

import datetime
import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from wagtail.log_actions import log

from departments.confinement import sees_everything
from departments.models import units_of
from govcms.units import unit_of
from news.models import NewsPage

from .models import RoyaltyAssignment

ASSIGNED = "govcms.royalty"


def month_of(moment):
    day = timezone.localtime(moment).date() if isinstance(moment, datetime.datetime) else moment
    return day.replace(day=1)


def may_assign(user, page):
    """The approvers of the page's unit, or the board, for a live article."""
    if not (page.live and isinstance(page.specific_deferred, NewsPage)):
        return False
    if sees_everything(user):
        return True
    unit = unit_of(page)
    resources = getattr(unit, "resources", None)
    return bool(resources) and user.groups.filter(pk=resources.approvers_id).exists()


def assignable_paths(user):
    """The paths under which ``user`` assigns royalties (a tuple for ``startswith``);
    None for the board, everywhere."""
    if sees_everything(user):
        return None
    group_ids = user.groups.values_list("pk", flat=True)
    return tuple(
        units_of(user).filter(resources__approvers__in=group_ids).values_list("path", flat=True)
    )


def assign(page, user, grade, authors):
    with transaction.atomic():
        assignment, _created = RoyaltyAssignment.objects.update_or_create(
            page=page,
            defaults={
                "grade": grade,
                "amount": grade.amount,
                "authors": authors,
                "month": month_of(page.first_published_at or timezone.now()),
                "assigned_by": user,
                "assigned_at": timezone.now(),
            },
        )
        log(
            page,
            ASSIGNED,
            user=user,
            data={"grade": grade.name, "amount": grade.amount, "authors": authors},
        )
    return assignment


def articles_of_month(month, scope_path):
    """The live articles first published in ``month`` under ``scope_path`` ("" for all),
    each with its assignment (or None)."""
    start = timezone.make_aware(datetime.datetime.combine(month, datetime.time()))
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    end = timezone.make_aware(datetime.datetime.combine(following, datetime.time()))
    pages = NewsPage.objects.live().filter(
        first_published_at__gte=start, first_published_at__lt=end
    )
    if scope_path:
        pages = pages.filter(path__startswith=scope_path)
    pages = list(
        pages.order_by("first_published_at", "pk").only("pk", "title", "path", "first_published_at")
    )
    assignments = {
        assignment.page_id: assignment
        for assignment in RoyaltyAssignment.objects.filter(page__in=pages).select_related("grade")
    }
    return [(page, assignments.get(page.pk)) for page in pages]


def statement(month, scope_path, unit_names):
    """The month's statement: one line per author and work, the totals per author and
    per unit, and the grand total."""
    lines, by_author, by_unit = [], {}, {}
    for page, assignment in articles_of_month(month, scope_path):
        if assignment is None:
            continue
        unit = next(
            (name for path, name in unit_names.items() if page.path.startswith(path)),
            _("The department"),
        )
        for author, share in assignment.shares():
            lines.append(
                {
                    "author": author,
                    "title": page.title,
                    "kind": assignment.grade.get_kind_display(),
                    "grade": assignment.grade.name,
                    "published": timezone.localtime(page.first_published_at).strftime("%d/%m/%Y"),
                    "unit": unit,
                    "amount": share,
                }
            )
            by_author[author] = by_author.get(author, 0) + share
            by_unit[unit] = by_unit.get(unit, 0) + share
    lines.sort(key=lambda line: (line["author"], line["published"]))
    return {
        "lines": lines,
        "authors": sorted(by_author.items()),
        "units": sorted(by_unit.items()),
        "total": sum(by_author.values()),
    }


def as_xlsx(agency, unit_name, month, data):
    """The statement as the accounting office files it."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Royalties %(month)s") % {"month": month.strftime("%m-%Y")}
    bold = Font(bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    columns = 7

    def line(row, text, font=None, merge=True, align=centre, start=1, end=columns):
        cell = sheet.cell(row=row, column=start, value=text)
        cell.alignment = align
        if font:
            cell.font = font
        if merge:
            sheet.merge_cells(start_row=row, start_column=start, end_row=row, end_column=end)

    line(1, agency.upper(), bold, start=1, end=3)
    line(1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, start=4, end=columns)
    line(2, unit_name, bold, start=1, end=3)
    line(2, "Độc lập - Tự do - Hạnh phúc", bold, start=4, end=columns)
    line(4, _("ROYALTY STATEMENT"), Font(bold=True, size=14))
    line(5, _("Month %(month)s") % {"month": month.strftime("%m/%Y")}, Font(italic=True))
    headings = [
        _("No."),
        _("Author"),
        _("Work"),
        _("Kind of work"),
        _("Published on"),
        _("Amount (VND)"),
        _("Signature"),
    ]
    for column, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=7, column=column, value=heading)
        cell.font, cell.alignment, cell.border = bold, centre, border
    row = 8
    for number, item in enumerate(data["lines"], start=1):
        values = [
            number,
            item["author"],
            item["title"],
            item["kind"],
            item["published"],
            item["amount"],
            "",
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.border = border
            if column == 6:
                cell.number_format = "#,##0"
        row += 1
    sheet.cell(row=row, column=2, value=_("Total")).font = bold
    total = sheet.cell(row=row, column=6, value=data["total"])
    total.font, total.number_format = bold, "#,##0"
    for column in range(1, columns + 1):
        sheet.cell(row=row, column=column).border = border
    row += 2
    sheet.cell(row=row, column=2, value=_("Totals per author")).font = bold
    for author, amount in data["authors"]:
        row += 1
        sheet.cell(row=row, column=2, value=author)
        sheet.cell(row=row, column=6, value=amount).number_format = "#,##0"
    if len(data["units"]) > 1:
        row += 2
        sheet.cell(row=row, column=2, value=_("Totals per unit")).font = bold
        for unit, amount in data["units"]:
            row += 1
            sheet.cell(row=row, column=2, value=unit)
            sheet.cell(row=row, column=6, value=amount).number_format = "#,##0"
    row += 3
    line(row, _("Day ..... month ..... year ......"), Font(italic=True), start=5, end=columns)
    row += 1
    for start, end, title in (
        (1, 2, _("Prepared by")),
        (3, 4, _("Chief accountant")),
        (5, 7, _("Head of the agency")),
    ):
        line(row, title, bold, start=start, end=end)
        line(row + 1, _("(signature, full name)"), Font(italic=True), start=start, end=end)
    for letter, width in zip("ABCDEFG", (6, 24, 48, 14, 13, 15, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
