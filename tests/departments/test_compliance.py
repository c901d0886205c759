"""The compliance panel on the admin dashboard: what Decree 42 asks of each unit, whether
the unit has it, how fresh it is, and the screen that fixes it."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Locale

from about.models import (
    INFORMATION_PAGE_TYPES,
    ContactPage,
    Division,
    FunctionsPage,
    IntroductionPage,
    Leader,
    LeadersPage,
    OrganisationPage,
)
from compliance.report import BEHIND, MISSING, NOT_YET_AVAILABLE, OK, UNAVAILABLE, unit_reports
from departments.models import DepartmentPage
from editorial.models import PageReview
from legal.models import (
    DocumentType,
    IssuingBody,
    LegalDocumentFile,
    LegalDocumentIndexPage,
    LegalDocumentPage,
)
from news.models import NewsIndexPage, NewsPage
from questions.models import QuestionIndexPage
from schedule.models import ScheduleIndexPage, WeekSchedulePage

from ..factories import DepartmentPageFactory

pytestmark = pytest.mark.django_db


def states(report):
    return {check.key: check.state for check in report.checks}


def complete(unit):
    """Give ``unit`` everything the panel counts."""
    page = DepartmentPage.objects.get(pk=unit.page.pk)
    page.introduction = "<p>Bảo tàng lưu giữ và trưng bày hiện vật của tỉnh.</p>"
    page.address, page.phone = "Đường Trần Phú, Phủ Lý", "0226 3852 000"
    page.save()
    for information in (
        IntroductionPage(title="Giới thiệu", summary="Tóm tắt", body="<p>Lịch sử</p>"),
        FunctionsPage(title="Chức năng", position="<p>Vị trí</p>", duties="<p>Nhiệm vụ</p>"),
        OrganisationPage(title="Cơ cấu", leadership="Ban Giám đốc", divisions=[Division(name="A")]),
        LeadersPage(title="Lãnh đạo", leaders=[Leader(name="Nguyễn Văn A", position="Giám đốc")]),
        ContactPage(
            title="Liên hệ",
            address="Đường Trần Phú",
            phone="0226 3852 000",
            email="btt@example.vn",
            map_url="https://www.openstreetmap.org/",
        ),
    ):
        page.add_child(instance=information)
    index = LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
    page.add_child(instance=index)
    document = LegalDocumentPage(
        title="Nội quy tham quan",
        number="1/QĐ-BTT",
        document_type=DocumentType.objects.get_or_create(name="Quyết định")[0],
        issuing_body=IssuingBody.objects.get_or_create(name="Bảo tàng tỉnh")[0],
        signer_name="Nguyễn Văn A",
        signer_position="Giám đốc",
        issued_on=timezone.localdate() - datetime.timedelta(days=10),
        effective_from=timezone.localdate() - datetime.timedelta(days=10),
        summary="Ban hành nội quy tham quan.",
    )
    document.files.add(LegalDocumentFile(document=unit.document))
    index.add_child(instance=document)
    document.save_revision().publish()
    page.add_child(instance=QuestionIndexPage(title="Hỏi đáp"))
    schedule = ScheduleIndexPage(title="Lịch công tác")
    page.add_child(instance=schedule)
    for day in (timezone.localdate(), timezone.localdate() + datetime.timedelta(days=7)):
        week = WeekSchedulePage(week_start=day)  # this week and the next
        schedule.add_child(instance=week)
        week.save_revision().publish()
    NewsPage.objects.filter(pk=unit.live_article.pk).update(date=timezone.now())
    return page


def test_a_unit_with_gaps__says_what_is_missing_and_where_to_fix_it(portal):
    stale = timezone.now() - datetime.timedelta(days=45)
    NewsPage.objects.filter(pk=portal.a.live_article.pk).update(date=stale)
    (report,) = unit_reports([DepartmentPage.objects.get(pk=portal.a.page.pk)])
    checks = {check.key: check for check in report.checks}
    assert checks["news"].state == BEHIND
    assert "45" in str(checks["news"].detail)
    assert checks["news"].fix_url.endswith(f"/newspage/{portal.a.index.pk}/")
    assert checks["documents"].state == MISSING
    assert "legaldocumentindexpage" in checks["documents"].fix_url
    assert checks["leaders"].state == MISSING
    assert report.gaps >= 3


def test_a_complete_unit__has_no_gap_but_its_missing_english_versions(portal):
    page = complete(portal.a)
    (report,) = unit_reports([page])
    assert report.gaps == 1
    assert states(report)["english"] == MISSING
    english_home = CopyPageForTranslationAction(
        page=portal.home, locale=Locale.objects.get(language_code="en")
    ).execute(skip_permission_checks=True)
    english_home.save_revision().publish()
    for source in [page, *page.get_children().type(*INFORMATION_PAGE_TYPES)]:
        version = CopyPageForTranslationAction(
            page=source.specific, locale=Locale.objects.get(language_code="en")
        ).execute(skip_permission_checks=True)
        version.save_revision().publish()
    (report,) = unit_reports([page])
    assert report.gaps == 0
    assert {key for key, state in states(report).items() if state == OK} == {
        "introduction",
        "functions",
        "organisation",
        "leaders",
        "contacts",
        "schedule",
        "questions",
        "documents",
        "news",
        "english",
    }
    assert {
        key for key, state in states(report).items() if state == UNAVAILABLE
    } == NOT_YET_AVAILABLE


def test_the_departments_row__counts_its_own_lists_not_the_units(portal):
    """The home page's row counts the pages directly under it: the units' news and
    schedules do not make the department look up to date."""
    (department,) = unit_reports([portal.home])
    states_ = states(department)
    assert states_["news"] == MISSING  # unit A's live article is not the department's
    assert states_["schedule"] == MISSING and "scheduleindexpage" in next(
        check.fix_url for check in department.checks if check.key == "schedule"
    )
    news = NewsIndexPage(title="Tin tức", slug="tin-tuc-so")
    portal.home.add_child(instance=news)
    article = NewsPage(title="Tin của Sở", date=timezone.now(), summary="Tin chung.")
    news.add_child(instance=article)
    article.save_revision().publish()
    (department,) = unit_reports([portal.home])
    assert states(department)["news"] == OK


def test_the_figures__cost_the_same_queries_for_two_units_or_twelve(portal):
    units = list(DepartmentPage.objects.order_by("path"))
    unit_reports(units)  # the shared cache's list of restricted pages, read once
    with CaptureQueriesContext(connection) as two:
        unit_reports(units)
    for number in range(10):
        DepartmentPageFactory(parent=portal.home, title=f"Đơn vị thêm {number}")
    units = list(DepartmentPage.objects.order_by("path"))
    with CaptureQueriesContext(connection) as twelve:
        assert len(unit_reports(units)) == 12
    # 11: the Decree 42 figures, and the pages past their review date (editorial).
    assert len(twelve.captured_queries) == len(two.captured_queries) <= 11


def panel_units(client, user):
    client.force_login(user)
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = soup.select_one("section.compliance")
    assert panel is not None, "the dashboard has no compliance panel"
    return [h3.get_text(" ", strip=True) for h3 in panel.select(".compliance__unit h3")], panel


def test_dashboard__the_board_sees_every_unit_a_unit_its_own(client, portal):
    board_units, panel = panel_units(client, portal.board_member)
    assert [name.split(" ")[0:3] for name in board_units] == [
        ["Sở", "Văn", "hóa,"],  # the department's own row first (the portal's owner)
        ["Bảo", "tàng", "tỉnh"],
        ["Thư", "viện", "tỉnh"],
    ]
    rows = panel.select("tr[data-category]")
    assert {row["data-category"] for row in rows} >= {"news", "documents", "schedule", "questions"}
    assert "Tạo trang hỏi đáp" in panel.get_text()  # the screen that fixes a gap
    labels = [row.th.get_text(strip=True) for row in rows[: len(rows) // 3]]
    assert "Văn bản" in labels and "Tài liệu" not in labels  # documents, not library files
    unit_units, _panel = panel_units(client, portal.b.editor)
    assert len(unit_units) == 1 and unit_units[0].startswith("Thư viện tỉnh")


def dashboard_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/")
    assert response.status_code == 200
    return len(queries), BeautifulSoup(response.content, "html.parser")


def unit_heading(soup, title):
    return next(
        h3 for h3 in soup.select("section.compliance .compliance__unit h3") if title in h3.text
    )


def check_state(soup, title, category):
    unit = unit_heading(soup, title).find_parent("div")
    return unit.select_one(f'tr[data-category="{category}"]')["data-state"]


def test_dashboard_panel__kept_then_drawn_again_after_each_change_it_shows(client, portal):
    client.force_login(portal.board_member)
    drawn, soup = dashboard_queries(client)
    kept, again = dashboard_queries(client)
    assert kept <= drawn - 10  # the panel's figures are not read again
    assert again.select_one("section.compliance") == soup.select_one("section.compliance")
    assert check_state(soup, "Thư viện tỉnh", "leaders") == MISSING

    # A page published in a unit: its row changes at once.
    unit = DepartmentPage.objects.get(pk=portal.b.page.pk)
    leaders = LeadersPage(
        title="Lãnh đạo", leaders=[Leader(name="Trần Thị B", position="Giám đốc")]
    )
    unit.add_child(instance=leaders)
    leaders.save_revision().publish()
    redrawn, soup = dashboard_queries(client)
    assert redrawn > kept
    assert check_state(soup, "Thư viện tỉnh", "leaders") == OK

    # A review plan past its date (not a page): the unit's badge appears.
    assert not unit_heading(soup, "Thư viện tỉnh").select("[data-overdue-reviews]")
    PageReview.objects.update_or_create(
        page=leaders, defaults={"next_review": timezone.localdate() - datetime.timedelta(days=1)}
    )
    _queries, soup = dashboard_queries(client)
    badge = unit_heading(soup, "Thư viện tỉnh").select_one("[data-overdue-reviews]")
    assert badge is not None and badge["data-overdue-reviews"] == "1"

    # A unit's person sees their own panel, not the board's kept one.
    client.force_login(portal.b.editor)
    _queries, soup = dashboard_queries(client)
    assert len(soup.select("section.compliance .compliance__unit")) == 1
