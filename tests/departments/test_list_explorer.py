"""The explorer of a list (news, documents, answers, weeks of a schedule): Wagtail's explorer
through the list type's page viewset (govcms/admin_listings.py), newest first by the
pages' own date, with filters offering the list's people, and its rows' menus drawn
without the template engine exactly as Wagtail's templates draw them."""

import datetime
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.admin.widgets.button import Button, ButtonWithDropdownFromHook
from wagtail.permission_policies.pages import PagePermissionPolicy

from govcms.admin_listings import ListExplorerView, QuickButton
from news.models import NewsPage
from questions.models import AnswerPage, QuestionIndexPage
from schedule.models import ScheduleIndexPage, WeekSchedulePage

from ..factories import NewsPageFactory
from ..helpers import rolled_back
from .conftest import module_portal  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def dated(module_portal, django_db_blocker):  # noqa: F811
    """Three more articles in unit A's list, dated a week apart, the newest first, each
    last revised in the opposite order (Wagtail's explorer shows the last revised first)."""
    with rolled_back(django_db_blocker):
        now = timezone.now()
        articles = []
        for weeks in (1, 2, 3):
            article = NewsPageFactory(
                parent=module_portal.a.index,
                title=f"Tin của tuần trước thứ {weeks}",
                date=now - timedelta(weeks=weeks),
            )
            article.save_revision().publish()
            articles.append(article)
        for article in articles:  # the oldest article last
            article.save_revision()
        yield articles


def explore(client, user, index, **query):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_explore", args=[index.pk]), query)
    assert response.status_code == 200
    return response


def row_ids(response):
    """The pages of the screen, in their order (each row's bulk-action checkbox)."""
    return [int(pk) for pk in re.findall(r'data-object-id="(\d+)"', response.text)]


def test_list_explorer__newest_first_by_the_articles_date(client, portal, dated):
    response = explore(client, portal.a.editor, portal.a.index)

    expected = list(
        NewsPage.objects.child_of(portal.a.index).order_by("-date").values_list("pk", flat=True)
    )
    assert row_ids(response) == expected
    assert row_ids(response).index(dated[0].pk) < row_ids(response).index(dated[2].pk)
    with translation.override("vi"):
        label = str(NewsPage._meta.get_field("date").verbose_name)
    headers = [
        th.get_text(" ", strip=True)
        for th in BeautifulSoup(response.text, "html.parser").select("thead th")
    ]
    assert any(label.lower() in header.lower() for header in headers), headers
    # Every page of a list is of one type and has no children: no such columns.
    assert "Loại" not in headers


def test_list_explorer__can_still_be_ordered_as_wagtail_orders(client, portal, dated):
    response = explore(
        client, portal.a.editor, portal.a.index, ordering="-latest_revision_created_at"
    )
    shown = row_ids(response)
    assert shown.index(dated[2].pk) < shown.index(dated[0].pk)


@pytest.mark.parametrize("who", ["a.editor", "a.approver", "board_member", "administrator"])
def test_list_explorer__shows_what_wagtails_rules_let_each_person_explore(
    client, portal, dated, who
):
    user = portal
    for part in who.split("."):
        user = getattr(user, part)
    explorable = PagePermissionPolicy().explorable_instances(user)
    expected = set(
        NewsPage.objects.child_of(portal.a.index)
        .filter(pk__in=explorable.values_list("pk", flat=True))
        .values_list("pk", flat=True)
    )

    response = explore(client, user, portal.a.index)

    assert set(row_ids(response)) == expected
    assert expected  # each of them sees the unit's list


def test_list_explorer__another_units_people_are_refused(client, portal):
    client.force_login(portal.b.editor)
    response = client.get(reverse("wagtailadmin_explore", args=[portal.a.index.pk]))
    assert response.status_code == 403


def test_list_explorer__search_finds_an_article_of_the_list(client, portal, dated):
    response = explore(client, portal.a.editor, portal.a.index, q="tuần trước thứ 2")
    assert dated[1].pk in row_ids(response)
    assert portal.a.live_article.pk not in row_ids(response)


def test_list_explorer__filters_offer_the_lists_people_only(client, portal):
    response = explore(client, portal.a.editor, portal.a.index)
    soup = BeautifulSoup(response.text, "html.parser")
    owners = {box["value"] for box in soup.select('input[name="owner"]')}
    editors = {box["value"] for box in soup.select('input[name="edited_by"]')}

    assert str(portal.a.editor.pk) in owners
    assert str(portal.administrator.pk) in owners
    assert str(portal.b.editor.pk) not in owners | editors
    assert owners == editors
    # Filtering by owner works (no article of A is the administrator's).
    filtered = explore(client, portal.a.editor, portal.a.index, owner=portal.administrator.pk)
    assert row_ids(filtered) == []


def _normalised(html):
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r"\s*(<|>)\s*", r"\1", html)
    return str(BeautifulSoup(html, "html.parser"))


def test_row_menu_buttons__drawn_as_wagtails_template_draws_them(portal):
    administrator = get_user_model().objects.get(pk=portal.administrator.pk)
    request = RequestFactory().get("/admin/pages/")
    request.user = administrator
    menu = ButtonWithDropdownFromHook(
        "Khác",
        hook_name="register_page_listing_more_buttons",
        page=portal.a.live_article,
        user=administrator,
        next_url=reverse("wagtailadmin_explore", args=[portal.a.index.pk]),
    )
    buttons = [button for button in menu.dropdown_buttons if type(button) is Button]
    buttons += [
        Button(
            "Không có địa chỉ", icon_name="bin", attrs={"data-action": "x", "aria-label": "<b>"}
        ),
        Button("Không có biểu tượng <i>", url="/admin/?a=1&b=2"),
    ]
    assert len(buttons) >= 6  # edit, view live, move, copy, delete, unpublish, history…

    for button in buttons:
        wagtails = button.render_html({"request": request})
        quick = QuickButton.of(button).render_html({"request": request})
        assert _normalised(quick) == _normalised(wagtails), button.label


def test_list_explorer__rows_offer_their_menu(client, portal):
    response = explore(client, portal.administrator, portal.a.index)
    soup = BeautifulSoup(response.text, "html.parser")
    row = soup.find(attrs={"data-object-id": str(portal.a.live_article.pk)}).find_parent("tr")
    links = {
        link.get_text(strip=True): link["href"] for link in row.select(".w-dropdown__content a")
    }
    assert links["Sửa"].startswith(
        reverse("wagtailadmin_pages:edit", args=[portal.a.live_article.pk])
    )
    assert reverse("wagtailadmin_pages:history", args=[portal.a.live_article.pk]) in links.values()


@pytest.mark.parametrize(
    ("list_model", "item_model", "date_field"),
    [
        ("news.NewsIndexPage", "news.NewsPage", "date"),
        ("legal.LegalDocumentIndexPage", "legal.LegalDocumentPage", "issued_on"),
        ("questions.QuestionIndexPage", "questions.AnswerPage", "asked_on"),
        ("schedule.ScheduleIndexPage", "schedule.WeekSchedulePage", "week_start"),
    ],
)
def test_every_list_type__explored_through_its_own_viewset(list_model, item_model, date_field):
    viewset = page_viewset_registry.get_by_parent_model(apps.get_model(list_model))
    assert viewset.model is apps.get_model(item_model)
    assert viewset.index_view_class is ListExplorerView
    assert viewset.ordering == f"-{date_field}"
    assert date_field in [column.name for column in viewset.columns]


@pytest.fixture(scope="module")
def other_lists(module_portal, django_db_blocker):  # noqa: F811
    """A question list and a work schedule in unit A, three items each, for the module."""
    with rolled_back(django_db_blocker):
        unit = module_portal.a.page
        questions = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
        unit.add_child(instance=questions)
        schedule = ScheduleIndexPage(title="Lịch công tác")
        unit.add_child(instance=schedule)
        for n in range(3):
            questions.add_child(
                instance=AnswerPage(
                    title=f"Trả lời {n}",
                    question_text="Hỏi về giờ mở cửa",
                    answer="<p>Đáp</p>",
                    asked_on=datetime.date(2024, 1, 1 + n),
                )
            )
            week = datetime.date(2024, 1, 1) + timedelta(weeks=n)
            schedule.add_child(instance=WeekSchedulePage(week_start=week))
        yield {"asked_on": questions, "week_start": schedule, "date": module_portal.a.index}


@pytest.mark.parametrize("field", ["asked_on", "week_start", "date"])
def test_list_explorer__any_search_and_order_answers(client, portal, other_lists, field):
    """A search sorts only by what its index holds; a search of the whole tree reads
    pages of every type: neither may fail on the list's own date."""
    queries = [
        {"q": "Trả", "ordering": f"-{field}"},
        {"q": "Lịch", "ordering": field},
        {"q": "x", "ordering": ""},
        {"q": "x", "ordering": "khong-co"},
        {"q": "Bảo tàng", "search_all": "1", "ordering": f"-{field}"},
        {"search_all": "1", "owner": "1", "ordering": field},
    ]
    for user in (portal.a.editor, portal.administrator):
        for query in queries:
            explore(client, user, other_lists[field], **query)
    if field == "asked_on":  # a search in date order, as the column header asks
        response = explore(
            client, portal.a.editor, other_lists[field], q="Trả", ordering="-asked_on"
        )
        titles = [AnswerPage.objects.get(pk=pk).title for pk in row_ids(response)]
        assert titles == ["Trả lời 2", "Trả lời 1", "Trả lời 0"]


def test_list_explorer__search_of_the_whole_tree_finds_pages_of_every_type(client, portal):
    response = explore(client, portal.a.editor, portal.a.index, q="Bảo tàng", search_all="1")
    assert portal.a.page.pk in row_ids(response)  # the unit page, not an article
    assert portal.b.page.pk not in row_ids(response)  # nor another unit's


def test_every_page_of_a_type__offers_no_people_of_other_units(client, portal):
    """The listing of every page of a list type (linked from the page type chooser) has no
    list to take its people from: it offers people to administrators only."""
    url = reverse("wagtailadmin_pages:type_use", args=["news", "newspage"])
    NewsPage.objects.filter(pk=portal.b.draft_article.pk).update(owner=portal.b.editor)
    client.force_login(portal.a.editor)
    soup = BeautifulSoup(client.get(url).text, "html.parser")
    assert not soup.select('input[name="owner"], input[name="edited_by"]')
    client.force_login(portal.administrator)
    soup = BeautifulSoup(client.get(url).text, "html.parser")
    assert str(portal.b.editor.pk) in {box["value"] for box in soup.select('input[name="owner"]')}


def test_explorer_of_other_pages__offers_a_units_staff_their_colleagues_only(client, portal):
    """Wagtail's filters for pages of every type (the unit page's explorer, the listing of
    every page of a type) offer everyone who ever owned a page; a unit's staff are offered
    the people of their own unit, the board and administrators everyone."""
    NewsPage.objects.filter(pk=portal.b.draft_article.pk).update(owner=portal.b.editor)
    NewsPage.objects.filter(pk=portal.a.draft_article.pk).update(owner=portal.a.approver)
    screens = [
        reverse("wagtailadmin_explore", args=[portal.a.page.pk]),
        reverse("wagtailadmin_pages:type_use", args=["about", "leaderspage"]),
    ]
    for url in screens:
        client.force_login(portal.a.editor)
        soup = BeautifulSoup(client.get(url).text, "html.parser")
        owners = {box["value"] for box in soup.select('input[name="owner"]')}
        assert str(portal.b.editor.pk) not in owners, url
        assert str(portal.a.approver.pk) in owners, url
        client.force_login(portal.board_member)
        soup = BeautifulSoup(client.get(url).text, "html.parser")
        owners = {box["value"] for box in soup.select('input[name="owner"]')}
        assert {str(portal.b.editor.pk), str(portal.a.approver.pk)} <= owners, url
