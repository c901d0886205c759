"""An editor writes and submits, an approver of the same unit approves, a visitor reads."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from departments.provisioning import ensure_board_group
from govcms.text import vietnamese_slugify

from ..factories import DepartmentPageFactory, NewsIndexPageFactory
from .conftest import sign_in, sign_out

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Thư viện tỉnh khai trương phòng đọc đa phương tiện"
SUMMARY = "Phòng đọc mới có máy tính, sách điện tử và góc đọc cho thiếu nhi."
BODY = "Bạn đọc được hướng dẫn tra cứu tài liệu số miễn phí trong tháng đầu."


@pytest.fixture
def library(home_page, django_user_model):
    ensure_board_group()
    unit = DepartmentPageFactory(parent=home_page, title="Thư viện tỉnh", short_name="TVT")
    index = NewsIndexPageFactory(parent=unit, title="Tin tức")
    editor = django_user_model.objects.create_user(
        "bientap", "bientap@example.vn", "mat-khau-bien-tap"
    )
    editor.groups.add(unit.resources.editors)
    approver = django_user_model.objects.create_user(
        "lanhdao", "lanhdao@example.vn", "mat-khau-lanh-dao"
    )
    approver.groups.add(Group.objects.get(pk=unit.resources.approvers.pk))
    return unit, index


def test_editor_submits__approver_approves__visitor_reads(live_server, open_tab, library):
    unit, index = library

    tab = open_tab()
    sign_in(tab, live_server, "bientap", "mat-khau-bien-tap")
    tab.goto(f"{live_server.url}/admin/pages/add/news/newspage/{index.pk}/")
    tab.locator("#id_title").fill(TITLE)
    tab.locator("#id_summary").fill(SUMMARY)
    tab.locator("[data-streamfield-list-container] button[title], .c-sf-add-button").first.click()
    tab.get_by_role("option", name="Văn bản").click()
    editor = tab.locator("[contenteditable='true'][role='textbox']").last
    expect(editor).to_be_visible()
    editor.click()
    editor.press_sequentially(BODY)
    tab.locator("[data-w-dropdown-target='toggle']").last.click()
    tab.locator("button[name='action-submit']").click()
    expect(tab.locator(".messages")).to_contain_text(TITLE)
    sign_out(tab, live_server)

    visitor = open_tab()
    assert visitor.goto(f"{live_server.url}{index.url}").ok
    expect(visitor.locator("main")).not_to_contain_text(TITLE)

    tab = open_tab()
    sign_in(tab, live_server, "lanhdao", "mat-khau-lanh-dao")
    review = tab.locator("section", has_text="Đang chờ bạn duyệt").locator("tr", has_text=TITLE)
    review.locator("[data-w-dropdown-target='toggle']").click()
    review.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(review).to_have_count(0)
    sign_out(tab, live_server)

    tab = visitor
    tab.goto(f"{live_server.url}{index.url}")
    expect(tab.locator(".news-list")).to_contain_text(TITLE)
    tab.goto(f"{live_server.url}/")
    # The newest article leads the home page.
    expect(tab.locator(".lead-story")).to_contain_text(TITLE)
    tab.get_by_role("link", name=TITLE).first.click()
    expect(tab.locator("h1")).to_have_text(TITLE)
    assert tab.url.endswith(f"/{vietnamese_slugify(TITLE)}/")
    expect(tab.locator(".article__body")).to_contain_text(BODY)
