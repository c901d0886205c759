"""Royalties (nhuận bút): the board's grades, an approver's grade and authors for each
published article, kept in the page's history, and the month's statement per author and
unit for the accounting office, in Excel. A unit's staff see their unit only."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from editorial.models import RoyaltyAssignment, RoyaltyGrade

from ..factories import NewsPageFactory
from ..helpers import refused

MONTH = timezone.localdate().strftime("%m/%Y")


@pytest.fixture
def grades(portal):
    return (
        RoyaltyGrade.objects.create(name="Tin loại A", kind="news", amount=300_000),
        RoyaltyGrade.objects.create(name="Ảnh loại B", kind="photo", amount=150_000),
    )


def assign(client, page, grade, authors):
    return client.post(
        f"/admin/editorial/royalties/{page.pk}/", {"grade": grade.pk, "authors": authors}
    )


def test_only_the_board_sets_the_grades(client, portal):
    client.force_login(portal.board_member)
    response = client.post(
        "/admin/royalty_grades/new/",
        {"name": "Bài dịch loại A", "kind": "translation", "amount": "500000", "active": "on"},
    )
    assert response.status_code == 302
    grade = RoyaltyGrade.objects.get(name="Bài dịch loại A")
    assert grade.amount == 500_000
    for person in (portal.a.editor, portal.a.approver):
        client.force_login(person)
        assert refused(client.get("/admin/royalty_grades/"))
        assert refused(
            client.post(
                f"/admin/royalty_grades/edit/{grade.pk}/",
                {"name": "Bài dịch loại A", "kind": "translation", "amount": "9000000"},
            )
        )
    assert RoyaltyGrade.objects.get(pk=grade.pk).amount == 500_000


def test_an_approver_assigns_a_grade_and_authors_kept_in_the_history(client, portal, grades):
    news, _photo = grades
    article = portal.a.live_article
    client.force_login(portal.a.approver)
    response = assign(client, article, news, "Nguyễn Văn An\n  Trần Thị Bình ")
    assert response.status_code == 302
    assignment = RoyaltyAssignment.objects.get(page=article)
    assert assignment.amount == 300_000
    assert assignment.authors == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert assignment.shares() == [("Nguyễn Văn An", 150_000), ("Trần Thị Bình", 150_000)]
    entry = PageLogEntry.objects.get(page=article, action="govcms.royalty")
    assert entry.user == portal.a.approver and entry.data["grade"] == "Tin loại A"
    history = client.get(f"/admin/pages/{article.pk}/history/").content.decode()
    assert "Nhuận bút: Tin loại A" in history

    # A later change of the grade's amount changes no past assignment.
    RoyaltyGrade.objects.filter(pk=news.pk).update(amount=999_000)
    assert RoyaltyAssignment.objects.get(page=article).amount == 300_000


def test_no_one_else_assigns(client, portal, grades):
    news, _photo = grades
    for person, page in (
        (portal.a.editor, portal.a.live_article),  # an editor, not an approver
        (portal.b.approver, portal.a.live_article),  # another unit's approver
        (portal.a.approver, portal.a.draft_article),  # not published
    ):
        client.force_login(person)
        assert refused(assign(client, page, news, "Nguyễn Văn An"))
    assert not RoyaltyAssignment.objects.exists()
    client.force_login(portal.a.approver)
    response = assign(client, portal.a.live_article, news, " \n ")
    assert "Hãy ghi ít nhất một tác giả" in response.content.decode()


@pytest.fixture
def month(portal, grades):
    news, photo = grades
    second = NewsPageFactory(parent=portal.a.index, title="Triển lãm ảnh Hà Nam xưa")
    second.save_revision().publish()
    for page in (portal.a.live_article, second, portal.b.live_article):
        type(page).objects.filter(pk=page.pk).update(first_published_at=timezone.now())
    RoyaltyAssignment.objects.create(
        page=portal.a.live_article,
        grade=news,
        amount=300_000,
        authors=["Nguyễn Văn An", "Trần Thị Bình"],
        month=timezone.localdate().replace(day=1),
        assigned_at=timezone.now(),
    )
    RoyaltyAssignment.objects.create(
        page=second,
        grade=photo,
        amount=150_000,
        authors=["Nguyễn Văn An"],
        month=timezone.localdate().replace(day=1),
        assigned_at=timezone.now(),
    )
    RoyaltyAssignment.objects.create(
        page=portal.b.live_article,
        grade=news,
        amount=300_000,
        authors=["Lê Văn Cường"],
        month=timezone.localdate().replace(day=1),
        assigned_at=timezone.now(),
    )
    return second


def test_the_month_shows_a_units_staff_their_unit_only(client, portal, month):
    client.force_login(portal.a.editor)
    page = client.get("/admin/editorial/royalties/", {"month": MONTH, "unit": portal.a.page.pk})
    html = page.content.decode()
    assert portal.a.live_article.title in html and month.title in html
    assert portal.b.live_article.title not in html and "Lê Văn Cường" not in html
    assert 'data-total="450000"' in html
    other = client.get("/admin/editorial/royalties/", {"month": MONTH, "unit": portal.b.page.pk})
    assert "Lê Văn Cường" not in other.content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ" in other.content.decode()


def test_the_statement_is_laid_out_for_the_accounting_office(client, portal, month):
    client.force_login(portal.board_member)
    response = client.get("/admin/editorial/royalties/", {"month": MONTH, "export": "xlsx"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "Độc lập - Tự do - Hạnh phúc" in cells
    assert "BẢNG THANH TOÁN NHUẬN BÚT" in cells
    assert f"Tháng {MONTH}" in cells
    headings = [cell.value for cell in sheet[7]]
    assert headings == [
        "STT",
        "Tác giả",
        "Tác phẩm",
        "Thể loại",
        "Ngày xuất bản",
        "Số tiền (đồng)",
        "Ký nhận",
    ]
    lines = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=8, max_row=11)]
    assert [line[1] for line in lines] == [
        "Lê Văn Cường",
        "Nguyễn Văn An",
        "Nguyễn Văn An",
        "Trần Thị Bình",
    ]
    assert sorted(line[5] for line in lines) == [150_000, 150_000, 150_000, 300_000]
    assert sheet.cell(row=12, column=2).value == "Tổng cộng"
    assert sheet.cell(row=12, column=6).value == 750_000
    for block in ("Người lập biểu", "Kế toán trưởng", "Thủ trưởng đơn vị"):
        assert block in cells
    assert "Tổng theo đơn vị" in cells  # the whole portal: a total per unit
