"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

import os
import re
import time
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results"

# Playwright's sync API runs an event loop in this thread; the Django calls the tests make
# around it are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def demo(committed_demo):
    """The demo portal, committed for each test: the live server's thread reads only what
    is committed, so the module-wide demo (a transaction rolled back) is not for it."""
    return committed_demo


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_tab(browser, request):
    """Opens a tab in a browser context of its own, one for each person in a test, so that
    no person's cookies or in-flight requests reach another's. A screenshot of each tab is
    kept in test-results/ when the test fails."""
    opened = []

    def open_tab():
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(20_000)
        page = context.new_page()
        # Whatever a test does, on public pages or in the admin, nothing may be blocked by
        # the Content-Security-Policy: the browser reports each blocked resource.
        blocked = []
        page.on(
            "console",
            lambda message: (
                blocked.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        opened.append((page, blocked))
        return page

    yield open_tab
    report = getattr(request.node, "rep_call", None)
    for number, (page, _blocked) in enumerate(opened):
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"{request.node.name}-{number}.png", full_page=True)
        page.context.close()
    _wait_for_the_servers_requests()
    assert not [message for _page, blocked in opened for message in blocked]


# The live server's other connections still at work on this test's database.
BUSY_CONNECTIONS = """
    SELECT count(*) FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
"""


def _wait_for_the_servers_requests(seconds=10):
    """A request the closed tab left behind (a session check, an editing-session ping)
    may still be running in the live server's thread. The database is emptied after the
    test: its locks would deadlock with that, so its end is awaited first."""
    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(BUSY_CONNECTIONS)
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)  # polling, until the condition holds


@pytest.fixture
def tab(open_tab):
    """The first person's tab."""
    return open_tab()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def sign_in(tab, live_server, username, password):
    tab.goto(f"{live_server.url}/admin/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", password)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/admin/")


def sign_out(tab, live_server):
    """Through the admin's own sign-out view, once the page has no request in flight."""
    tab.wait_for_load_state("networkidle")
    token = next(c["value"] for c in tab.context.cookies() if c["name"] == "csrftoken")
    response = tab.request.post(
        f"{live_server.url}/admin/logout/",
        form={"csrfmiddlewaretoken": token},
        headers={"Referer": f"{live_server.url}/admin/"},
    )
    assert response.ok
    tab.goto(f"{live_server.url}/admin/")
    tab.wait_for_url(re.compile(r"/admin/login/"))
