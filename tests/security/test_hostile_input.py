"""Hostile input never comes out unescaped and never turns into a server error."""

import json
from html import escape
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import rich_text, streamfield

from home.demo.loader import DEMO_ADMIN_USERNAME
from news.models import NewsIndexPage, NewsPage
from tests.helpers import edit

PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "</title><script>alert(2)</script>",
    "]]></description><script>alert(3)</script>",
    "{{ request.user }}{% now 'Y' %}",
]
# What must never appear in a page: a live tag from a payload (escaped, it is only text).
DANGEROUS = ["<script>alert", "<img src=x", "<svg/onload", "<script>alert(2)", "</title><script>"]


def assert_inert(content, where):
    for fragment in DANGEROUS:
        assert fragment not in content, (where, fragment)


@pytest.fixture
def hostile_article(client, demo):
    """An article written through the admin with a payload in every text field."""
    admin = get_user_model().objects.get(username=DEMO_ADMIN_USERNAME)
    client.force_login(admin)
    article = NewsPage.objects.live().first()
    response = edit(
        client,
        article,
        action="publish",
        title=f"Tin thử {PAYLOADS[0]} {PAYLOADS[4]}",
        summary=" ".join(PAYLOADS),
        source=PAYLOADS[1],
        author=PAYLOADS[2],
        tags=f'"{PAYLOADS[0]}", "{PAYLOADS[6]}"',
        body=streamfield(
            [
                (
                    "paragraph",
                    rich_text(
                        f"<p>{escape(PAYLOADS[1])}</p><script>alert('body')</script>"
                        '<p><a href="javascript:alert(1)">liên kết</a></p>'
                    ),
                )
            ]
        ),
    )
    assert response.status_code == HTTPStatus.FOUND, response.content[:2000]
    client.logout()
    article.refresh_from_db()
    assert "<script>alert('xss')</script>" in article.title  # stored as typed, shown escaped
    return article


def test_payloads__are_escaped_on_every_public_page(client, hostile_article):
    index = NewsIndexPage.objects.get(pk=hostile_article.get_parent().pk)
    pages = {
        "article": hostile_article.url,
        "news list": index.url,
        "home": "/",
        "feed": "/rss/",
        "search": "/tim-kiem/?q=tin+thu",
    }
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, where
        content = response.content.decode()
        assert_inert(content, where)
        assert 'href="javascript:' not in content, where
    article = client.get(hostile_article.url).content.decode()
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in article
    assert "{{ request.user }}" in article  # shown as typed, never evaluated

    # JSON-LD: the payload is data inside the JSON, and cannot close the script element.
    json_ld = article.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in json_ld
    assert json.loads(json_ld)["headline"] == hostile_article.title[:110]


def test_payloads__are_escaped_in_the_admin(client, hostile_article):
    client.force_login(get_user_model().objects.get(username=DEMO_ADMIN_USERNAME))
    for url in (
        f"/admin/pages/{hostile_article.get_parent().pk}/",
        f"/admin/pages/{hostile_article.pk}/edit/",
        f"/admin/pages/search/?q={hostile_article.title[:10]}",
    ):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        assert_inert(response.content.decode(), url)


ABSURD_QUERIES = [
    "/tim-kiem/?q=" + "a" * 10_000,
    "/tim-kiem/?q=" + "hội nghị " * 1_500,
    "/tim-kiem/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/tim-kiem/?q=%22%27%3B--%20OR%201%3D1&page=2",
    "/tim-kiem/?q=du+lich&page=99999999999999999999",
    "/tim-kiem/?q=du+lich&page=-1",
    "/tim-kiem/?q=du+lich&don-vi=99999999999999999999",
    "/tim-kiem/?q[]=du&q[]=lich",
    "/?page=99999999999999999999",
    "/rss/?page=%3Cscript%3E",
    "/sitemap-trang.xml?p=99999999999999999999",
    "/sitemap-trang.xml?p=abc",
]


def test_absurd_query_strings__never_give_a_server_error(client, demo):
    for url in ABSURD_QUERIES:
        response = client.get(url)
        assert response.status_code < 500, (url[:80], response.status_code)
        if response.status_code == HTTPStatus.OK:
            assert_inert(response.content.decode(), url[:80])


ABSURD_FILTERS = (
    "page=99999999999999999999",
    "page=1e400",
    "year=99999999999999999999&month=1",
    "year=2024&month=99999999999999999999",
    "year=%3Cscript%3E",
    "year=0&month=0",
    "year=9999&month=12",
)


def test_news_list__absurd_filters_give_a_page_or_a_404(client, demo):
    index = NewsIndexPage.objects.live().exclude(depth=3).first()
    for query in ABSURD_FILTERS:
        response = client.get(f"{index.url}?{query}")
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND), query


NUL_REQUESTS = (
    "/tim-kiem/?q=du%00lich",
    "/tim-kiem/?%00=1",
    "/trung-tam-xuc-tien-du-lich/%00/",
    "/rss/%00/",
    "/?page=1%00",
)


def test_nul_bytes__are_refused_with_a_vietnamese_400(client, demo):
    for url in NUL_REQUESTS:
        response = client.get(url)
        assert response.status_code == HTTPStatus.BAD_REQUEST, url
        assert "Yêu cầu chứa ký tự không được phép" in response.content.decode()


def test_nul_byte_in_the_login_form__is_a_400_not_a_500(client, demo):
    response = client.post("/admin/login/", {"username": "admin\x00", "password": "x\x00"})
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_topic_route__with_hostile_slugs_is_a_404(client, demo):
    index = NewsIndexPage.objects.live().exclude(depth=3).first()
    for slug in ("%3Cscript%3E", "a" * 3000, "..%2F..%2Fetc%2Fpasswd", "du-lich%27%20OR%201=1"):
        response = client.get(f"{index.url}chu-de/{slug}/")
        assert response.status_code == HTTPStatus.NOT_FOUND, slug[:40]
