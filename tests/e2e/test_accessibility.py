"""WCAG 2.1 AA: axe-core finds no violation, and no page scrolls sideways on a phone."""

import json
from pathlib import Path

import pytest

from departments.models import unit_pages
from legal.models import LegalDocumentIndexPage, LegalDocumentPage
from news.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    }
}


@pytest.fixture
def public_urls(demo):
    unit = unit_pages().get(short_name="TTXTDL")
    return {
        "home": "/",
        "unit page": unit.url,
        "news index": NewsIndexPage.objects.child_of(unit).get().url,
        "article": NewsPage.objects.get(title__startswith="Hội nghị tổng kết").url,
        "search results": "/tim-kiem/?q=thi+dua",
        "topic page": NewsIndexPage.objects.child_of(unit).get().url + "chu-de/du-lich/",
        "not found": "/khong-co-trang-nay/",
        "document list": LegalDocumentIndexPage.objects.get(depth=3).url + "?hieu-luc=het-hieu-luc",
        "document": LegalDocumentPage.objects.get(number="125/QĐ-SVHTTDL").url,
        "organisation": unit.url + "co-cau-to-chuc/",
        "schedule": unit.url + "lich-cong-tac/",
        "ask a question": unit.url + "hoi-dap/gui-cau-hoi/",
        "english unit page": "/en" + unit.url,
    }


def axe_violations(tab):
    # Evaluated through the debugging protocol: the page's policy forbids injected scripts.
    tab.evaluate(AXE.read_text())
    results = tab.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
    ]


def findings_on_each_page(live_server, browser, urls, width, inspect):
    """``inspect(tab)`` on each page at ``width`` pixels; the pages where it found something."""
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    tab = context.new_page()
    found = {}
    for name, url in urls.items():
        tab.goto(live_server.url + url)
        if finding := inspect(tab):
            found[name] = finding
    context.close()
    return found


@pytest.mark.parametrize("width", [360, 1280])
def test_public_pages__no_axe_violation(live_server, browser, public_urls, width):
    found = findings_on_each_page(live_server, browser, public_urls, width, axe_violations)
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("width", [360, 1280])
def test_public_pages__no_horizontal_scrolling(live_server, browser, public_urls, width):
    def overflow(tab):
        scroll_width = tab.evaluate("document.documentElement.scrollWidth")
        return scroll_width if scroll_width > width else None

    assert findings_on_each_page(live_server, browser, public_urls, width, overflow) == {}


def test_skip_link__moves_focus_to_the_main_content(live_server, tab, public_urls):
    tab.goto(live_server.url + public_urls["article"])
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent").strip() == "Chuyển đến nội dung chính"
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main"
