"""Nothing an editor types is lost (DESIGN §5.11), tried as a fast editor works: typing at
about 16 characters a second and saving at once, before the rich-text editor's own
250 ms write to the form; and with a session that ends in the middle of an edit."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.files.images import ImageFile
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.models import TaskState

from departments.provisioning import ensure_board_group
from home.demo.images import placeholder_jpeg
from news.models import NewsPage

from ..factories import DepartmentPageFactory, NewsIndexPageFactory, NewsPageFactory
from .conftest import sign_in, sign_out

pytestmark = pytest.mark.django_db(transaction=True)

HUMAN_DELAY_MS = 62  # about 16 characters a second

# The rich-text editor writes into the form this long after the last change: a save asked
# for sooner is what lost the words.
DRAFTAIL_WRITE_MS = 250
# In the race tests that write waits a minute instead, so that the save always comes
# before it, however slow a busy machine makes the typing (a test of the race, not of
# the machine's speed).
HOLD_DRAFTAIL_WRITE = f"""(() => {{
    const setTimeout = window.setTimeout;
    window.setTimeout = (callback, delay, ...rest) =>
        setTimeout(callback, delay === {DRAFTAIL_WRITE_MS} ? 60000 : delay, ...rest);
}})();"""
NOT_YET_WRITTEN = """text => [...document.querySelectorAll('input[data-draftail-input]')]
    .every(input => !input.value.includes(text))"""


@pytest.fixture
def newsroom(home_page, django_user_model):
    """A unit with an editor, an approver, and a draft article with a text block and a
    captioned image."""
    ensure_board_group()
    unit = DepartmentPageFactory(parent=home_page, title="Thư viện tỉnh", short_name="TVT")
    index = NewsIndexPageFactory(parent=unit, title="Tin tức")
    editor = django_user_model.objects.create_user("bientap", "bt@example.vn", "mat-khau-bt")
    editor.groups.add(unit.resources.editors)
    approver = django_user_model.objects.create_user("lanhdao", "ld@example.vn", "mat-khau-ld")
    approver.groups.add(Group.objects.get(pk=unit.resources.approvers.pk))
    image = get_image_model().objects.create(
        title="Ảnh phòng đọc",
        collection=unit.resources.collection,
        file=ImageFile(io.BytesIO(placeholder_jpeg("Ảnh phòng đọc")), name="phong-doc.jpg"),
    )
    article = NewsPageFactory(
        parent=index,
        title="Thư viện mở phòng đọc",
        summary="Phòng đọc mới.",
        live=False,
        body=[
            ("paragraph", "<p>Đoạn mở đầu.</p>"),
            ("image", {"image": {"image": image, "alt_text": "Phòng đọc"}, "caption": "Ảnh"}),
        ],
    )
    article.save_revision(user=editor)
    return article


def _type(tab, locator, text):
    """Puts the caret at the end of ``locator``'s text and types ``text`` at human speed."""
    locator.click()
    tab.keyboard.press("Control+End")
    tab.keyboard.type(text, delay=HUMAN_DELAY_MS)


def _edit_every_kind_of_field(tab, last):
    """Types into the title, the summary, the existing text block, the image caption and a
    new text block; ``last`` names the one typed last, right before the save."""
    tab.locator(".c-sf-add-button").last.click()
    tab.get_by_role("option", name="Văn bản").click()
    editors = tab.locator("[contenteditable='true'][role='textbox']")
    expect(editors).to_have_count(2)
    # The new block takes the focus a moment after it appears; typing elsewhere before
    # that would have its first characters land in the new block.
    expect(editors.last).to_be_focused()
    fields = {
        "title": (tab.locator("#id_title"), " số hóa"),
        "summary": (tab.locator("#id_summary"), " Có góc thiếu nhi."),
        "existing block": (editors.first, " Mở cả tối."),
        "caption": (tab.locator("input[name='body-1-value-caption']"), " tầng hai"),
        "new block": (editors.last, "Mượn sách điện tử."),
    }
    order = [name for name in fields if name != last] + [last]
    for name in order:
        _type(tab, *fields[name])


def _assert_kept_every_character(article):
    saved = NewsPage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert saved.title == "Thư viện mở phòng đọc số hóa"
    assert saved.summary == "Phòng đọc mới. Có góc thiếu nhi."
    blocks = list(saved.body)
    assert [block.block_type for block in blocks] == ["paragraph", "image", "paragraph"]
    assert "Đoạn mở đầu. Mở cả tối." in blocks[0].value.source
    assert blocks[1].value["caption"] == "Ảnh tầng hai"
    assert "Mượn sách điện tử." in blocks[2].value.source


def _open_editor(tab, live_server, article, hold_draftail=False):
    if hold_draftail:
        tab.add_init_script(HOLD_DRAFTAIL_WRITE)
    tab.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")


def test_ctrl_s_right_after_typing__saves_every_character(live_server, tab, newsroom):
    sign_in(tab, live_server, "bientap", "mat-khau-bt")
    _open_editor(tab, live_server, newsroom, hold_draftail=True)

    _edit_every_kind_of_field(tab, last="new block")
    assert tab.evaluate(NOT_YET_WRITTEN, "Mượn sách điện tử")  # the race is on
    tab.keyboard.press("Control+s")

    expect(tab.locator(".messages")).to_contain_text("Thư viện mở phòng đọc số hóa")
    _assert_kept_every_character(newsroom)


def test_submit_for_approval_right_after_typing__sends_every_character(live_server, tab, newsroom):
    sign_in(tab, live_server, "bientap", "mat-khau-bt")
    _open_editor(tab, live_server, newsroom, hold_draftail=True)

    _edit_every_kind_of_field(tab, last="existing block")
    assert tab.evaluate(NOT_YET_WRITTEN, "Mở cả tối")  # the race is on
    # The button sits in the action menu; it is clicked at once, as a practised editor
    # with the menu already open would (opening it first would close the text editor).
    tab.locator("button[name='action-submit']").dispatch_event("click")

    expect(tab.locator(".messages")).to_contain_text("Thư viện mở phòng đọc số hóa")
    _assert_kept_every_character(newsroom)
    state = NewsPage.objects.get(pk=newsroom.pk).current_workflow_task_state
    assert state is not None and state.status == TaskState.STATUS_IN_PROGRESS


def test_approve_with_comment_typed_fast__keeps_the_whole_comment(live_server, open_tab, newsroom):
    # The editor submits from the editor, so the version under review is what the form
    # shows the approver.
    tab = open_tab()
    sign_in(tab, live_server, "bientap", "mat-khau-bt")
    _open_editor(tab, live_server, newsroom)
    tab.locator("button[name='action-submit']").dispatch_event("click")
    expect(tab.locator(".messages")).to_contain_text("Thư viện mở phòng đọc")
    sign_out(tab, live_server)

    tab = open_tab()
    sign_in(tab, live_server, "lanhdao", "mat-khau-ld")
    _open_editor(tab, live_server, newsroom)
    tab.locator("footer [data-w-dropdown-target='toggle']").last.click()
    tab.get_by_role("button", name="Phê duyệt kèm bình luận").click()
    comment = tab.locator(".modal textarea[name='comment']")
    # Typed as soon as it shows: the dialog's own focus move must not eat keys.
    expect(comment).to_be_visible()
    comment.click()
    tab.keyboard.type("Đồng ý, ghi nguồn ảnh.", delay=HUMAN_DELAY_MS)
    tab.locator(".modal").get_by_role("button", name="Phê duyệt").click()

    # The approval answers with the news list (the editor's own messages name the page too).
    expect(tab).to_have_url(re.compile(rf"/admin/pages/{newsroom.get_parent().pk}/$"))
    expect(tab.locator(".messages")).to_contain_text("Thư viện mở phòng đọc")
    # Published: the public sees the article (asked of the server that published it).
    public = tab.goto(live_server.url + newsroom.url)
    assert public.status == 200
    expect(tab.locator("h1")).to_contain_text("Thư viện mở phòng đọc")
    state = TaskState.objects.filter(
        workflow_state__object_id=str(newsroom.pk), status=TaskState.STATUS_APPROVED
    ).get()
    assert state.comment == "Đồng ý, ghi nguồn ảnh."


def test_session_ended_mid_edit__sign_in_again__the_edit_is_saved(
    live_server, tab, newsroom, django_user_model
):
    sign_in(tab, live_server, "bientap", "mat-khau-bt")
    _open_editor(tab, live_server, newsroom)
    _edit_every_kind_of_field(tab, last="new block")

    # The session ends (idle timeout, absolute lifetime, or signed out elsewhere).
    Session.objects.all().delete()
    tab.keyboard.press("Control+s")

    dialog = tab.locator("dialog.govcms-session-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Phiên đăng nhập đã hết hạn")
    # Nothing was sent, and the form is still on the screen as the editor left it.
    assert tab.url.endswith(f"/admin/pages/{newsroom.pk}/edit/")
    assert NewsPage.objects.get(pk=newsroom.pk).get_latest_revision_as_object().title == (
        "Thư viện mở phòng đọc"
    )

    with tab.expect_popup() as popup_info:
        dialog.get_by_role("link", name="Đăng nhập lại").click()
    popup = popup_info.value
    popup.fill("input[name=username]", "bientap")
    popup.fill("input[name=password]", "mat-khau-bt")
    popup.click("button[type=submit]")

    # Signing in again in the other tab sends the waiting save from this one.
    expect(tab.locator(".messages")).to_contain_text("Thư viện mở phòng đọc số hóa")
    _assert_kept_every_character(newsroom)


# The first check of who is signed in (keep-edits.js) answers late, as on a busy server.
SLOW_FIRST_SESSION_CHECK = """(() => {
    const fetch = window.fetch;
    let first = true;
    window.fetch = (url, ...rest) => {
        if (first && String(url).includes('/admin/phien/')) {
            first = false;
            const later = new Promise(resolve => setTimeout(resolve, 1500));
            return later.then(() => fetch(url, ...rest));
        }
        return fetch(url, ...rest);
    };
})();"""


def test_a_save_before_the_first_session_check__waits_for_it(live_server, tab, newsroom):
    sign_in(tab, live_server, "bientap", "mat-khau-bt")
    tab.add_init_script(SLOW_FIRST_SESSION_CHECK)
    _open_editor(tab, live_server, newsroom)
    _type(tab, tab.locator("#id_title"), " số hóa")
    tab.locator("button[name='action-submit']").dispatch_event("click")
    # Sent under the editor's own account: no dialog asking whose account it is.
    expect(tab.locator(".messages")).to_contain_text("Thư viện mở phòng đọc số hóa")
    assert not tab.locator("dialog.govcms-session-dialog[open]").count()
