"""A citizen on a 360-pixel phone narrows the department's documents and opens one."""

import pytest
from playwright.sync_api import expect

from legal.models import LegalDocumentIndexPage

from .test_phone_layout import phone_tab

pytestmark = pytest.mark.django_db(transaction=True)


def test_phone__filters_documents_and_opens_one(live_server, browser, demo):
    context, tab = phone_tab(browser)
    documents = LegalDocumentIndexPage.objects.get(depth=3)
    tab.goto(live_server.url + documents.url)

    tab.get_by_label("Loại văn bản").select_option(label="Quyết định")
    tab.get_by_label("Trạng thái hiệu lực").select_option(label="Hết hiệu lực")
    tab.get_by_role("button", name="Lọc").click()

    expect(tab).to_have_url(
        f"{live_server.url}{documents.url}?q=&loai=quyet-dinh&co-quan=&linh-vuc=&nam=&hieu-luc=het-hieu-luc"
    )
    rows = tab.locator(".document-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("48/QĐ-SVHTTDL")
    # The table stacks into cards: nothing runs off the side of the screen.
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    # The filter state is kept in the form for the next change.
    expect(tab.get_by_label("Loại văn bản")).to_have_value("quyet-dinh")

    rows.first.get_by_role("link").click()
    expect(tab.locator("h1")).to_contain_text("Quy chế quản lý Cổng thông tin điện tử")
    expect(tab.locator(".document-status")).to_have_text("Hết hiệu lực")
    expect(tab.get_by_role("link", name="125/QĐ-SVHTTDL")).to_be_visible()
    context.close()
