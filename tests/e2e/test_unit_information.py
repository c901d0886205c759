"""A citizen asks a unit a question on a 360-pixel phone; a reader switches a unit's page
to English and back; a week's work schedule prints on one A4 page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from departments.models import unit_pages
from questions.models import Question
from schedule.models import ScheduleIndexPage

from .test_phone_layout import phone_tab

pytestmark = pytest.mark.django_db(transaction=True)


def test_phone__asks_a_question_and_gets_its_reference(live_server, browser, demo, settings):
    settings.GOVCMS_QUESTIONS_FORM_MIN_SECONDS = 0  # a person types slower than the test
    context, tab = phone_tab(browser)
    library = unit_pages().get(short_name="TVT")
    tab.goto(f"{live_server.url}{library.url}hoi-dap/")
    tab.get_by_role("link", name="Gửi câu hỏi").click()

    # The unit whose list the citizen came from is already chosen.
    assert tab.get_by_label("Đơn vị nhận câu hỏi").locator("option:checked").inner_text() == (
        "Thư viện tỉnh Hà Nam"
    )
    tab.get_by_label("Tên đầy đủ").fill("Nguyễn Thị Hoa")
    tab.get_by_label("Thư điện tử").fill("hoa@example.com")
    tab.get_by_label("Tiêu đề", exact=True).fill("Mượn sách về nhà")
    tab.get_by_label("Câu hỏi", exact=True).fill("Bạn đọc có được mượn sách về nhà không?")
    # The whole form fits the phone's width.
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    tab.get_by_role("button", name="Gửi câu hỏi").click()

    expect(tab.get_by_role("status")).to_contain_text("Câu hỏi của bạn đã được gửi")
    reference = tab.locator(".question-reference").inner_text()
    question = Question.objects.get(reference=reference)
    assert question.index.get_parent().pk == library.pk and question.phone == ""
    assert any(reference in message.subject for message in mail.outbox)
    context.close()


def test_language_switch__to_english_and_back(live_server, tab, demo):
    library = unit_pages().get(short_name="TVT")
    tab.goto(live_server.url + library.url)
    tab.get_by_role("link", name="English").click()
    expect(tab).to_have_url(re.compile(r"/en/thu-vien-tinh/$"))
    expect(tab.locator("html")).to_have_attribute("lang", "en")
    expect(tab.locator("h1")).to_have_text("Provincial Library")
    expect(tab.locator(".site-header__owner")).to_contain_text("Department of Culture")
    tab.get_by_role("link", name="Tiếng Việt").click()
    expect(tab).to_have_url(live_server.url + library.url)
    expect(tab.locator("html")).to_have_attribute("lang", "vi")


def test_schedule__prints_on_one_a4_page(live_server, tab, demo):
    schedule = ScheduleIndexPage.objects.filter(locale__language_code="vi", depth=3).first()
    tab.goto(live_server.url + schedule.url)
    expect(tab.locator("table.schedule-table tbody tr")).not_to_have_count(0)
    tab.emulate_media(media="print")
    expect(tab.locator(".site-header")).to_be_hidden()
    pdf = tab.pdf(format="A4", prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1
