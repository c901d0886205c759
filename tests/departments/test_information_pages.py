"""A unit's information pages (about/): the same five page types under every unit and
the home page, made and approved like news, confined to the unit, counted by the
compliance panel."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from about.models import (
    ContactPage,
    Division,
    FunctionsPage,
    IntroductionPage,
    Leader,
    LeadersPage,
    OrganisationPage,
)
from compliance.report import MISSING, OK, unit_reports
from departments.models import DepartmentPage

from .workflow_helpers import act

pytestmark = pytest.mark.django_db


def organisation_form(title="Cơ cấu tổ chức", **overrides):
    return nested_form_data(
        {
            "title": title,
            "slug": "co-cau-to-chuc",
            "leadership": "Ban Giám đốc",
            "introduction": "",
            "divisions": inline_formset(
                [{"name": "Phòng Hành chính", "head_name": "Lê Thị B", "head_position": ""}],
                min=1,
            ),
            **overrides,
        }
    )


def add_organisation(client, parent, **data):
    return client.post(f"/admin/pages/add/about/organisationpage/{parent.pk}/", data)


def states(report):
    return {check.key: check.state for check in report.checks}


def published(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def test_the_five_types__under_a_unit_or_the_home_page_once_each(portal):
    for model in (IntroductionPage, FunctionsPage, OrganisationPage, LeadersPage, ContactPage):
        assert model.can_create_at(portal.a.page)
        assert model.can_create_at(portal.home)
        assert not model.can_create_at(portal.a.index)
    portal.a.page.add_child(
        instance=IntroductionPage(title="Giới thiệu", summary="Tóm tắt", body="<p>Lịch sử</p>")
    )
    assert not IntroductionPage.can_create_at(DepartmentPage.objects.get(pk=portal.a.page.pk))
    assert IntroductionPage.can_create_at(portal.b.page)


def test_an_editor__adds_the_organisation_to_their_unit_and_it_waits_for_approval(client, portal):
    client.force_login(portal.a.editor)
    response = add_organisation(
        client, portal.a.page, **organisation_form(), **{"action-submit": "submit"}
    )
    assert response.status_code == 302
    page = OrganisationPage.objects.child_of(portal.a.page).get()
    assert not page.live
    assert client.get(page.url).status_code == 404  # not public before approval

    client.force_login(portal.a.approver)
    assert act(client, page, "approve").status_code == 302
    page.refresh_from_db()
    assert page.live
    html = client.get(page.url).content.decode()
    chart = BeautifulSoup(html, "html.parser").select_one("figure.org-chart")
    assert chart.select_one(".org-chart__box--top").get_text(strip=True) == "Ban Giám đốc"
    assert [a.get_text() for a in chart.select(".org-chart__divisions a")] == ["Phòng Hành chính"]
    assert chart.find("img") is None  # a chart of text, not a picture


def test_an_editor__cannot_add_or_open_information_pages_of_another_unit(client, portal):
    other = portal.b.page.add_child(
        instance=OrganisationPage(
            title="Cơ cấu tổ chức",
            leadership="Ban Giám đốc TVT",
            divisions=[Division(name="Phòng riêng của TVT")],
            live=False,
        )
    )
    client.force_login(portal.a.editor)
    response = add_organisation(client, portal.b.page, **organisation_form())
    assert response.status_code in (302, 403)
    assert not OrganisationPage.objects.child_of(portal.b.page).exclude(pk=other.pk).exists()
    response = client.get(f"/admin/pages/{other.pk}/edit/")
    assert response.status_code in (302, 403)
    assert "Phòng riêng của TVT" not in response.content.decode()


def test_a_unit_approver__cannot_publish_their_own_information_page(client, portal):
    client.force_login(portal.a.approver)
    data = nested_form_data(
        {
            "title": "Giới thiệu",
            "slug": "gioi-thieu",
            "summary": "Tóm tắt",
            "founded": "",
            "body": rich_text("Lịch sử của đơn vị"),
            "action-publish": "action-publish",
        }
    )
    client.post(f"/admin/pages/add/about/introductionpage/{portal.a.page.pk}/", data)
    page = IntroductionPage.objects.child_of(portal.a.page).get()
    assert not page.live


def test_the_unit_page__shows_the_leaders_of_its_published_leaders_page(client, portal):
    unit = DepartmentPage.objects.get(pk=portal.a.page.pk)
    leaders = LeadersPage(
        title="Lãnh đạo", leaders=[Leader(name="Người mới", position="Giám đốc")], live=False
    )
    unit.add_child(instance=leaders)
    leaders.save_revision()
    assert "Người mới" not in client.get(unit.url).content.decode()  # a draft shows nothing

    published(LeadersPage.objects.get(pk=leaders.pk))
    html = client.get(unit.url).content.decode()
    assert "Người mới" in html
    links = BeautifulSoup(html, "html.parser").select(".information-nav a")
    assert [a.get_text() for a in links] == ["Lãnh đạo"]


def test_the_information_pages__list_each_other_in_a_fixed_order_drafts_left_out(client, portal):
    unit = portal.a.page
    contact = unit.add_child(
        instance=ContactPage(
            title="Liên hệ",
            address="Số 1 đường A",
            phone="0226 3850 000",
            email="lienhe@example.vn",
            map_url="https://www.openstreetmap.org/search?query=So+1",
        )
    )
    unit.add_child(
        instance=IntroductionPage(title="Giới thiệu", summary="Tóm tắt", body="<p>Lịch sử</p>")
    )
    unit.add_child(
        instance=FunctionsPage(
            title="Chức năng", position="<p>Vị trí</p>", duties="<p>Nhiệm vụ</p>", live=False
        )
    )
    html = client.get(contact.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert [a.get_text() for a in soup.select(".information-nav a")] == ["Giới thiệu", "Liên hệ"]
    assert soup.select_one(".information-nav a[aria-current=page]").get_text() == "Liên hệ"
    assert soup.find("a", href="https://www.openstreetmap.org/search?query=So+1")


def test_compliance__counts_missing_draft_empty_and_published_information_pages(portal):
    unit = portal.a.page
    report = unit_reports([unit, portal.b.page])[0]
    for key in ("introduction", "functions", "organisation", "leaders", "contacts"):
        check = next(check for check in report.checks if check.key == key)
        assert check.state == MISSING
        assert "/admin/pages/add/about/" in check.fix_url

    unit.add_child(
        instance=IntroductionPage(title="Giới thiệu", summary="T", body="<p>L</p>", live=False)
    )
    unit.add_child(instance=LeadersPage(title="Lãnh đạo"))  # live, but lists nobody
    unit.add_child(
        instance=OrganisationPage(
            title="Cơ cấu", leadership="Ban Giám đốc", divisions=[Division(name="Phòng A")]
        )
    )
    report = unit_reports([unit, portal.b.page])[0]
    checks = {check.key: check for check in report.checks}
    assert checks["introduction"].state == MISSING
    assert "not published" in str(checks["introduction"].detail) or checks[
        "introduction"
    ].fix_url.endswith("/edit/")
    assert checks["leaders"].state == MISSING and checks["leaders"].fix_url.endswith("/edit/")
    assert checks["organisation"].state == OK
    assert states(unit_reports([portal.b.page])[0])["organisation"] == MISSING


def test_compliance__information_figures_cost_the_same_queries_for_one_unit_or_two(portal):
    for unit in (portal.a.page, portal.b.page):
        unit.add_child(
            instance=OrganisationPage(
                title="Cơ cấu", leadership="Ban Giám đốc", divisions=[Division(name="Phòng")]
            )
        )
    unit_reports([portal.a.page])  # content types are cached from here on
    with CaptureQueriesContext(connection) as one:
        unit_reports([portal.a.page])
    with CaptureQueriesContext(connection) as two:
        unit_reports([portal.a.page, portal.b.page])
    assert len(one) == len(two)


def test_no_information_page__is_public_while_a_draft(client, portal):
    page = portal.a.page.add_child(
        instance=ContactPage(
            title="Liên hệ",
            address="Số 1",
            phone="1",
            email="a@example.vn",
            map_url="https://example.vn/map",
            live=False,
        )
    )
    assert client.get(Page.objects.get(pk=page.pk).url).status_code == 404
