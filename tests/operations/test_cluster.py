"""Production's layout on one machine: nginx and Varnish from deploy/, in front of two app
servers (gunicorn) sharing PostgreSQL and Redis. What one server changes, the other and
the cache show at once; a signed-in user never gets the cache's copy; sessions and the
sign-in lockout hold on every server."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import requests
from django.db import connection
from django.test import override_settings
from wagtail.models import Page

from about.models import IntroductionPage
from departments.models import DepartmentPage
from deploy.stack import Stack, ban_everything, free_port, wait_for_port
from home.demo.loader import DEMO_PASSWORD, demo_usernames
from legal.models import LegalDocumentPage
from news.models import NewsIndexPage, NewsPage
from questions.models import QuestionIndexPage
from tests.helpers import database_url

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/13"

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the app servers share PostgreSQL; set DATABASE_URL (CI does)",
    ),
]


def start_app_server(port, environment, log):
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "govcms.wsgi", "--bind", f"127.0.0.1:{port}"),
            *("--workers", "1", "--threads", "4", "--log-level", "warning"),
        ],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    return process


class Cluster:
    def __init__(self, stack, servers, redis_prefix):
        self.stack = stack
        self.servers = servers  # base URLs of the two app servers
        self.redis_prefix = redis_prefix

    def forget_everything(self):
        """Empty the HTTP cache and the servers' shared cache: each test's data is new."""
        ban_everything(self.cache)
        keys = redis.Redis.from_url(REDIS_URL)
        for key in keys.scan_iter(f"{self.redis_prefix}:*"):
            keys.delete(key)

    @property
    def cache(self):
        return self.stack.varnish_url

    def as_an_app_server(self):
        """The test process changing pages as a third app server: the servers' cache in
        Redis, and the HTTP cache to ban in."""
        return override_settings(
            CACHES={
                "default": {
                    "BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": REDIS_URL,
                    "KEY_PREFIX": self.redis_prefix,
                }
            },
            WAGTAILFRONTENDCACHE={
                "varnish": {
                    "BACKEND": "govcms.frontend_cache.VarnishBackend",
                    "LOCATION": self.cache,
                }
            },
        )


@pytest.fixture(scope="module")
def cluster(django_db_setup, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cluster")
    prefix = f"cluster-{os.getpid()}"
    ports = [free_port(), free_port()]
    logs = [open(folder / f"web{n}.log", "wb") for n in (1, 2)]  # noqa: SIM115
    processes = []
    try:
        with Stack(folder / "stack", backends=ports, media_root=folder / "media") as stack:
            environment = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "tests.cluster_settings",
                "DATABASE_URL": database_url(),
                "SECRET_KEY": "cluster-test-" + "x" * 40,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "false",
                "REDIS_URL": REDIS_URL,
                "CACHE_KEY_PREFIX": prefix,
                "FRONTEND_CACHE_URLS": stack.varnish_url,
                "MEDIA_ROOT": str(folder / "media"),
                "TRUSTED_PROXY_COUNT": "2",  # nginx and Varnish, as in production
                # nginx passes the host without the test's port, which the referer has.
                "CSRF_TRUSTED_ORIGINS": f"https://localhost:{stack.https_port}",
                "LOG_LEVEL": "WARNING",
            }
            processes = [
                start_app_server(port, environment, log)
                for port, log in zip(ports, logs, strict=True)
            ]
            for port, process in zip(ports, processes, strict=True):
                wait_for_port(port, process, seconds=60)
            cluster = Cluster(stack, [f"http://127.0.0.1:{port}" for port in ports], prefix)
            yield cluster
            cluster.forget_everything()
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)
        for log in logs:
            log.close()


@pytest.fixture
def portal(cluster, committed_demo):
    """The demo, committed where both servers read it, with two of its units; nothing of an
    earlier test's left in the caches."""
    cluster.forget_everything()
    cluster.unit, cluster.other_unit = [
        unit
        for unit in DepartmentPage.objects.live().filter(resources__isnull=False)
        if NewsPage.objects.descendant_of(unit).live().count() > 1
    ][:2]
    return cluster


def get(url, session=None, **kwargs):
    return (session or requests).get(url, timeout=10, allow_redirects=False, **kwargs)


def anonymous_copy(url):
    """The page as the cache holds it for anonymous visitors: fetched until it is a hit."""
    for _ in range(3):
        response = get(url)
        if response.headers.get("X-Edge-Cache") == "HIT":
            return response
    raise AssertionError(f"{url} is not cached: {response.headers.get('X-Edge-Cache')}")


def wait_until(check, seconds):
    """How long ``check`` took to hold, polled every 20 ms; fails after ``seconds``."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > seconds:
            raise AssertionError(f"not within {seconds} s")
        time.sleep(0.02)
    return time.monotonic() - started


def sign_in(server, username, password, headers=None, verify=True):
    session = requests.Session()
    verify = str(verify) if verify is not True else True
    form = session.get(f"{server}/admin/login/", timeout=10, verify=verify)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    response = session.post(
        f"{server}/admin/login/",
        {"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{server}/admin/login/", **(headers or {})},
        timeout=10,
        allow_redirects=False,
        verify=verify,
    )
    return session, response


def csrf_token(session, url):
    """The CSRF token a page of ``url`` gives the signed-in user (its cookie)."""
    session.get(url, timeout=10)
    return session.cookies["csrftoken"]


def newest_article(unit):
    index = NewsIndexPage.objects.child_of(unit).get()
    return NewsPage.objects.child_of(index).live().order_by("-date", "-pk").first(), index


# The cache itself


def test_anonymous_pages__are_served_from_the_cache_with_the_portal_headers(portal):
    article, _index = newest_article(portal.unit)
    url = portal.cache + article.url
    first, cached = get(url), anonymous_copy(url)
    origin = get(portal.servers[0] + article.url)

    assert first.status_code == cached.status_code == 200
    assert article.title in cached.text
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
    ):
        assert cached.headers.get(header), header
        assert cached.headers[header] == origin.headers[header], header
    # Kept compressed once, sent so to a browser (requests asks for gzip, as they do).
    assert cached.headers["Content-Encoding"] == "gzip"
    # What the portal tells the cache stays between them.
    assert "Surrogate-Control" not in cached.headers
    assert "X-Cache-Tags" not in cached.headers
    assert "page-" in origin.headers["X-Cache-Tags"]


def test_the_admin_forms_and_what_a_visitor_sends__pass_the_cache(portal):
    article, _index = newest_article(portal.unit)
    questions = QuestionIndexPage.objects.live().first()
    ask_form = questions.url + questions.reverse_subpage("ask")
    for path in ("/admin/login/", "/admin/", ask_form):
        for _ in range(2):
            assert get(portal.cache + path).headers["X-Edge-Cache"] == "PASS", path
    # Search results: whether, and when, someone looked for a name is not for the next one.
    for _ in range(2):
        assert get(portal.cache + "/tim-kiem/?q=nguyen+van").headers["X-Edge-Cache"] == "PASS"
    # A POST is never answered from the cache.
    assert requests.post(portal.cache + article.url, timeout=10).headers["X-Edge-Cache"] == "PASS"


def test_made_up_parameters__are_answered_from_the_one_copy(portal):
    article, index = newest_article(portal.unit)
    anonymous_copy(portal.cache + article.url)
    anonymous_copy(portal.cache + index.url + "?page=2")
    # Made-up parameters, cache busters and non-numbers cannot make the servers render.
    for url in (
        f"{article.url}?utm_source=zalo",
        f"{article.url}?x={time.monotonic()}",
        f"{article.url}?page=abc",
        f"{index.url}?zz=1&page=2",
    ):
        assert get(portal.cache + url).headers["X-Edge-Cache"] == "HIT", url


def test_a_signed_in_editor__never_gets_the_cached_page(portal):
    article, _index = newest_article(portal.unit)
    url = portal.cache + article.url
    anonymous = anonymous_copy(url)
    assert "wagtail-userbar" not in anonymous.text

    editor, _approver = demo_usernames(portal.unit.short_name)
    session, response = sign_in(portal.cache, editor, DEMO_PASSWORD)
    assert response.status_code == 302
    for _ in range(2):
        mine = get(url, session)
        assert mine.headers["X-Edge-Cache"] == "PASS"
        assert "wagtail-userbar" in mine.text  # the editor's own page, with the user bar
        assert "private" in mine.headers.get("Cache-Control", "") or "Vary" in mine.headers
    # ...and what the editor was sent is not what the next visitor gets.
    assert "wagtail-userbar" not in anonymous_copy(url).text


# Changes, through one app server, everywhere at once


def submit_new_title(article, title):
    revision = article.get_latest_revision_as_object()
    revision.title = title
    saved = revision.save_revision(user=None)
    workflow = article.get_workflow()
    workflow.start(article, user=None)
    return saved


def test_published_through_one_server__shows_on_the_other_and_in_the_cache_within_a_second(portal):
    article, index = newest_article(portal.unit)
    other_page = Page.objects.live().descendant_of(portal.other_unit).type(IntroductionPage).first()
    watched = {
        "article": article.url,
        "news list": index.url,
        "news list, page 2": index.url + "?page=2",
        "unit": portal.unit.url,
        "home": "/",
        "feed": "/rss/",
        "sitemap": "/sitemap.xml",
    }
    for path in (*watched.values(), other_page.url):
        anonymous_copy(portal.cache + path)

    new_title = "Khai mạc Tuần lễ Văn hóa - Du lịch, bản cập nhật"
    submit_new_title(article, new_title)
    _editor, approver = demo_usernames(portal.unit.short_name)
    first, second = portal.servers
    session, response = sign_in(first, approver, DEMO_PASSWORD)
    assert response.status_code == 302
    state = Page.objects.get(pk=article.pk).current_workflow_task_state
    action = f"{first}/admin/pages/workflow/action/{article.pk}/approve/{state.pk}/"
    token = csrf_token(session, f"{first}/admin/")
    approved = session.post(
        action, {"csrfmiddlewaretoken": token, "comment": ""}, timeout=10, allow_redirects=False
    )
    assert approved.status_code in (200, 302), approved.status_code
    published = time.monotonic()

    assert new_title in get(second + article.url).text  # the other server, at once
    for name in ("article", "news list", "unit", "home", "feed"):
        url = portal.cache + watched[name]
        wait_until(lambda url=url: new_title in get(url).text, seconds=1)
    assert time.monotonic() - published < 2  # every one of them, within a second or so
    # The deeper pages of the list and the sitemap were dropped too, not left to expire...
    assert get(portal.cache + watched["news list, page 2"]).headers["X-Edge-Cache"] == "MISS"
    assert get(portal.cache + "/sitemap.xml").headers["X-Edge-Cache"] == "MISS"
    # ...and every article, which lists the portal's newest news beside it...
    other_article, _other_index = newest_article(portal.other_unit)
    assert new_title in get(portal.cache + other_article.url).text
    # ...while another unit's page that does not show it stays in the cache.
    assert get(portal.cache + other_page.url).headers["X-Edge-Cache"] == "HIT"


def test_unpublished__is_gone_from_the_cache_and_its_lists(portal):
    article, index = newest_article(portal.other_unit)
    page_url, list_url = portal.cache + article.url, portal.cache + index.url
    assert article.title in anonymous_copy(list_url).text
    anonymous_copy(page_url)

    with portal.as_an_app_server():
        article.unpublish()

    elapsed = wait_until(lambda: get(page_url).status_code == 404, seconds=1)
    assert elapsed < 1
    assert article.url not in get(list_url).text


def test_unpublished_document_and_tagged_article__leave_their_topic_and_document_lists(portal):
    article = (
        NewsPage.objects.live().descendant_of(portal.other_unit).filter(tags__isnull=False).first()
    )
    tag = article.tags.first()
    index = NewsIndexPage.objects.get(pk=article.get_parent().pk)
    topic_url = portal.cache + index.url + index.reverse_subpage("tag", args=[tag.slug])
    document = LegalDocumentPage.objects.live().descendant_of(portal.other_unit).first()
    documents_url = portal.cache + document.get_parent().url
    assert article.url in anonymous_copy(topic_url).text
    assert document.url in anonymous_copy(documents_url).text

    with portal.as_an_app_server():
        article.unpublish()
        document.unpublish()

    wait_until(lambda: article.url not in get(topic_url).text, seconds=1)
    wait_until(lambda: document.url not in get(documents_url).text, seconds=1)


def test_moved_and_deleted__leave_no_copy_behind(portal):
    article, index = newest_article(portal.unit)
    other_index = NewsIndexPage.objects.child_of(portal.other_unit).get()
    old_url = portal.cache + article.url
    anonymous_copy(old_url)
    anonymous_copy(portal.cache + other_index.url)

    with portal.as_an_app_server():
        article.move(other_index, pos="last-child")
    moved = NewsPage.objects.get(pk=article.pk)
    assert moved.url != article.url
    # The old address now leads to the new one (Wagtail makes the redirect on a move).
    wait_until(lambda: get(old_url).status_code == 301, seconds=1)
    assert get(old_url).headers["Location"].endswith(moved.url)
    assert get(portal.cache + moved.url).status_code == 200
    wait_until(lambda: moved.title in get(portal.cache + other_index.url).text, seconds=1)

    anonymous_copy(portal.cache + moved.url)
    with portal.as_an_app_server():
        moved.delete()
    wait_until(lambda: get(portal.cache + moved.url).status_code == 404, seconds=1)


# Sessions and the lockout, on every server


def test_sessions__hold_on_every_server(portal):
    editor, _approver = demo_usernames(portal.unit.short_name)
    first, second = portal.servers
    session, response = sign_in(first, editor, DEMO_PASSWORD)
    assert response.status_code == 302

    dashboard = get(f"{second}/admin/", session)
    assert dashboard.status_code == 200
    assert editor in dashboard.text or portal.unit.short_name in dashboard.text

    # Signing out on the second server ends the session on the first.
    token = csrf_token(session, f"{second}/admin/")
    session.post(f"{second}/admin/logout/", {"csrfmiddlewaretoken": token}, timeout=10)
    assert get(f"{first}/admin/", session).status_code == 302


def test_sign_in_lockout__counts_failures_on_every_server_and_through_the_proxies(portal, settings):
    _editor, approver = demo_usernames(portal.other_unit.short_name)
    first, second = portal.servers
    https, certificate = portal.stack.https_url, portal.stack.certificate
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # Through nginx and Varnish, each time claiming another address: the address
        # nginx saw is the one counted, whatever the visitor claims.
        server = (https, first, second)[attempt % 3]
        forged = {"X-Forwarded-For": f"203.0.113.{attempt}"}
        _session, response = sign_in(server, approver, "wrong-password", forged, certificate)
        assert response.status_code in (200, 429), response.status_code

    for server in (first, second, https):
        _session, response = sign_in(server, approver, DEMO_PASSWORD, verify=certificate)
        assert response.status_code == 429, server  # locked, even with the right password
        assert "khóa" in response.text.lower() or "thử lại" in response.text.lower()


def test_bans__are_refused_to_visitors(portal):
    article, _index = newest_article(portal.unit)
    anonymous_copy(portal.cache + article.url)
    https, certificate = portal.stack.https_url, portal.stack.certificate
    for method in ("BAN", "PURGE"):
        response = requests.request(
            method,
            https + article.url,
            headers={"X-Cache-Tags": "."},
            verify=certificate,
            timeout=10,
        )
        assert response.status_code == 405, method
    assert get(portal.cache + article.url).headers["X-Edge-Cache"] == "HIT"  # still there


def test_visitors_through_nginx__get_the_cached_page_with_its_https_headers(portal):
    article, _index = newest_article(portal.unit)
    https, certificate = portal.stack.https_url, portal.stack.certificate
    get(https + article.url, verify=certificate)
    through_nginx = get(https + article.url, verify=certificate)
    assert through_nginx.headers["X-Edge-Cache"] == "HIT"
    assert through_nginx.headers["Strict-Transport-Security"].startswith("max-age=")
    # The copy kept for HTTPS is never the one made for a plain HTTP request.
    assert "Strict-Transport-Security" not in get(portal.cache + article.url).headers


def test_documents_on_disk__are_not_served_by_nginx(cluster):
    documents = cluster.stack.media_root / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    (documents / "private.pdf").write_bytes(b"%PDF-1.4 private")
    images = cluster.stack.media_root / "images"
    images.mkdir(parents=True, exist_ok=True)
    (images / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")

    originals = cluster.stack.media_root / "original_images"
    originals.mkdir(parents=True, exist_ok=True)
    (originals / "du-thao.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    https, certificate = cluster.stack.https_url, cluster.stack.certificate
    # An image's original (of a draft, say) is never fetched by guessing its name.
    assert get(f"{https}/media/original_images/du-thao.png", verify=certificate).status_code == 404
    assert get(f"{https}/media/documents/private.pdf", verify=certificate).status_code == 404
    image = get(f"{https}/media/images/logo.png", verify=certificate)
    assert image.status_code == 200
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    # And plain HTTP only leads to HTTPS.
    plain = get(f"{cluster.stack.http_url}/tin-tuc/")
    assert plain.status_code == 301
    assert plain.headers["Location"].startswith("https://")
