"""On a 360-pixel phone the header leaves the screen to the content: the units' menu folds
behind a menu button that works with the keyboard, and without the script; an article's
first screen shows its heading and the start of its text."""

import pytest

from news.models import NewsPage

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}
HEADER_BUDGET = 120  # pixels of header and navigation before the content


def phone_tab(browser, javascript=True):
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, java_script_enabled=javascript, is_mobile=True
    )
    return context, context.new_page()


def header_bottom(tab):
    return tab.evaluate(
        "Math.max(...[...document.querySelectorAll('.site-header, .unit-nav')]"
        ".map(e => e.getBoundingClientRect().bottom))"
    )


def test_phone__header_and_folded_menu_leave_the_screen_to_the_content(live_server, browser, demo):
    context, tab = phone_tab(browser)
    article = NewsPage.objects.get(title__startswith="Hội nghị tổng kết")
    for url in ("/", article.url):
        tab.goto(live_server.url + url)
        assert not tab.locator("#unit-nav").is_visible()
        assert header_bottom(tab) <= HEADER_BUDGET, url
        assert tab.locator("main").bounding_box()["y"] <= HEADER_BUDGET, url

    # The article's heading and the start of its text are on the first screen.
    heading = tab.locator("main h1").bounding_box()
    assert heading["y"] + heading["height"] <= PHONE["height"]
    first_words = tab.locator(".article__summary, .article__body p").first.bounding_box()
    assert first_words["y"] + 24 <= PHONE["height"]
    context.close()


def test_phone__menu_button_opens_with_the_keyboard(live_server, browser, demo):
    context, tab = phone_tab(browser)
    tab.goto(live_server.url + "/")
    toggle = tab.locator(".menu-toggle")
    assert toggle.get_attribute("role") == "button"
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    tab.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    menu = tab.locator("#unit-nav")
    assert menu.is_visible()
    # The focus moves into the menu, on its first link.
    assert tab.evaluate("document.activeElement.closest('#unit-nav') !== null")
    toggle.focus()
    tab.keyboard.press(" ")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    context.close()


def test_phone__menu_works_without_the_script(live_server, browser, demo):
    context, tab = phone_tab(browser, javascript=False)
    tab.goto(live_server.url + "/")
    assert not tab.locator("#unit-nav").is_visible()
    tab.locator(".menu-toggle").click()
    assert tab.url.endswith("#unit-nav")
    menu = tab.locator("#unit-nav")
    assert menu.is_visible()
    assert menu.locator("a").count() >= 4
    context.close()


def test_desktop__the_menu_is_open_and_the_button_hidden(live_server, browser, demo):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(live_server.url + "/")
    assert tab.locator("#unit-nav").is_visible()
    assert not tab.locator(".menu-toggle").is_visible()
    context.close()
