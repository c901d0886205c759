"""An editor's main path through the admin, and an approver's screen, show no English."""

import io
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from playwright.sync_api import expect
from wagtail.images import get_image_model

from departments.provisioning import ensure_board_group
from govcms.text import vietnamese_slugify
from home.demo.images import placeholder_jpeg
from home.management.commands.update_catalogue import DOMAINS, wagtail_entries

from ..factories import DepartmentPageFactory, NewsIndexPageFactory
from .conftest import ARTIFACTS, sign_in, sign_out

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = ARTIFACTS / "admin-vi"
TITLE = "Bảo tàng mở cửa trưng bày gốm cổ"
SUMMARY = "Trưng bày mới giới thiệu hơn một trăm hiện vật gốm."
BODY = "Khách tham quan được hướng dẫn viên giới thiệu miễn phí."
IMAGE_TITLE = "Bình gốm men lam"
# Words that are not interface text: names of products, formats and people.
ALLOWED = {"wagtail", "url", "html", "rss", "svg", "json", "jpg", "jpeg", "png", "gif", "webp"}
WORD = re.compile(r"[A-Za-z]{3,}")
NOT_TEXT = re.compile(r"%\([^)]+\)[sd]|\{[^{}]*\}|<[^>]+>")


def words_of(text):
    """The words of a message's text, leaving out placeholders and HTML tags."""
    return {word.lower() for word in WORD.findall(NOT_TEXT.sub(" ", text))}


def english_vocabulary():
    """Words of Wagtail's English interface text that its Vietnamese text never uses."""
    english, vietnamese = set(), set()
    for domain in DOMAINS:
        for source, _apps in wagtail_entries(domain).values():
            english |= words_of(source.msgid)
        catalogue = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / f"{domain}.po"
        for entry in polib.pofile(str(catalogue)):
            vietnamese |= words_of(entry.msgstr or " ".join(entry.msgstr_plural.values()))
    return english - vietnamese - ALLOWED


@pytest.fixture(scope="module")
def vocabulary():
    return english_vocabulary()


@pytest.fixture
def museum(home_page, django_user_model):
    ensure_board_group()
    unit = DepartmentPageFactory(parent=home_page, title="Bảo tàng tỉnh", short_name="BTT")
    index = NewsIndexPageFactory(parent=unit, title="Tin tức")
    get_image_model().objects.create(
        title=IMAGE_TITLE,
        collection=unit.resources.collection,
        file=ImageFile(io.BytesIO(placeholder_jpeg(IMAGE_TITLE)), name="binh-gom.jpg"),
    )
    for username, group in (
        ("bientap", unit.resources.editors),
        ("lanhdao", unit.resources.approvers),
    ):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.vn", "mat-khau-thu"
        )
        user.groups.add(group)
    return unit, index


def english_on_screen(tab, vocabulary, name, user_content):
    """Save a screenshot of the screen; return the English interface words it shows."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    text = tab.evaluate(
        """() => [document.body.innerText,
                  ...[...document.querySelectorAll('input[placeholder]:not([type=hidden])')]
                      .filter(el => el.offsetParent !== null).map(el => el.placeholder)]
                .join('\\n')"""
    )
    for content in user_content:
        text = text.replace(content, " ")
    return sorted({word for word in WORD.findall(text) if word.lower() in vocabulary})


def test_editor_and_approver_screens_are_in_vietnamese(live_server, open_tab, museum, vocabulary):
    unit, index = museum
    tab = open_tab()
    user_content = [TITLE, SUMMARY, BODY, IMAGE_TITLE, "bientap", "lanhdao", "binh-gom"]
    english = {}

    def check(name):
        found = english_on_screen(tab, vocabulary, name, user_content)
        if found:
            english[name] = found

    sign_in(tab, live_server, "bientap", "mat-khau-thu")
    check("1-dashboard")

    tab.goto(f"{live_server.url}/admin/pages/{unit.pk}/")
    check("2-explorer")

    tab.goto(f"{live_server.url}/admin/pages/add/news/newspage/{index.pk}/")
    tab.locator("#id_title").fill(TITLE)
    tab.locator("#id_summary").fill(SUMMARY)
    # Leaving the title fills the slug from it; on a busy machine that may lag behind.
    expect(tab.locator("#id_slug")).to_have_value(vietnamese_slugify(TITLE))
    check("3-new-article")
    tab.locator("[data-streamfield-list-container] button[title], .c-sf-add-button").first.click()
    check("4-block-picker")
    tab.get_by_role("option", name="Hình ảnh có chú thích").click()
    tab.locator("[data-contentpath='body'] button.chooser__choose-button").first.click()
    expect(tab.locator(".modal-content")).to_contain_text(IMAGE_TITLE)
    check("5-image-chooser")
    tab.locator(".modal-content a", has_text=IMAGE_TITLE).first.click()
    expect(tab.locator(".modal-content")).to_have_count(0)
    tab.get_by_label("Văn bản thay thế").first.fill("Bình gốm men lam thời Trần")
    tab.locator("[data-w-dropdown-target='toggle']").last.click()
    check("6-action-menu")
    tab.locator("button[name='action-submit']").click()
    expect(tab.locator(".messages")).to_contain_text(TITLE)
    check("7-submitted")
    sign_out(tab, live_server)

    tab = open_tab()
    sign_in(tab, live_server, "lanhdao", "mat-khau-thu")
    check("8-approver-dashboard")
    tab.get_by_role("link", name=TITLE).first.click()
    expect(tab.locator("#id_title")).to_have_value(TITLE)
    check("9-approval-screen")
    tab.locator("[data-w-dropdown-target='toggle']").last.click()
    tab.locator("button[data-workflow-action-name='reject']").click()
    expect(tab.locator(".modal-content")).to_be_visible()
    check("10-request-changes")

    assert english == {}


def test_two_step_sign_in_and_lockout_screens_are_in_vietnamese(
    live_server, open_tab, museum, vocabulary, settings
):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.GOVCMS_TWO_FACTOR = True
    english = {}
    tab = open_tab()

    tab.goto(f"{live_server.url}/admin/login/")
    tab.fill("input[name=username]", "lanhdao")
    tab.fill("input[name=password]", "mat-khau-thu")
    tab.click("button[type=submit]")
    tab.wait_for_url("**/admin/xac-thuc-hai-buoc/cai-dat/**")
    expect(tab.locator("img[src^='data:image/svg+xml']")).to_be_visible()
    secret = tab.locator(".two-factor-secret").inner_text()
    expect(tab.locator("h1")).to_have_count(1)  # the page once, not inside itself
    if found := english_on_screen(tab, vocabulary, "11-two-step-enrol", ["lanhdao", secret]):
        english["11-two-step-enrol"] = found

    device = TOTPDevice.objects.get(user__username="lanhdao")
    tab.fill("input[name=token]", f"{TOTP(device.bin_key, device.step, device.t0).token():06d}")
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/admin/")
    expect(tab.locator(".messages")).to_contain_text("Đã thiết lập đăng nhập hai bước")
    sign_out(tab, live_server)

    tab = open_tab()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        tab.goto(f"{live_server.url}/admin/login/")
        tab.fill("input[name=username]", "bientap")
        tab.fill("input[name=password]", "sai-mat-khau")
        tab.click("button[type=submit]")
    expect(tab.locator("h1")).to_have_text("Tạm khóa đăng nhập")
    if found := english_on_screen(tab, vocabulary, "12-lockout", ["bientap"]):
        english["12-lockout"] = found

    assert english == {}
