"""Public pages come from Redis, and every change shows at once on every page."""

import os
import uuid
from http import HTTPStatus

import pytest
from django.core.cache import caches
from django.test import override_settings

from departments.models import unit_pages
from news.models import NewsIndexPage, NewsPage

from ..factories import NewsPageFactory

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache(settings):
    """The page cache on the real Redis server, under a key prefix of this test's own."""
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"govcms-test-{uuid.uuid4().hex}",
            }
        },
        GOVCMS_PAGE_CACHE_SECONDS=600,
    ):
        cache = caches["default"]
        cache.set("ping", "pong")
        assert cache.get("ping") == "pong", "Redis is not answering"
        yield cache


@pytest.fixture
def library(demo, redis_cache):
    unit = unit_pages().get(short_name="TVT")
    index = NewsIndexPage.objects.child_of(unit).get()
    article = NewsPage.objects.live().child_of(index).order_by("-date").first()
    return unit, index, article


def pages_showing_library_news(unit, index, article):
    return [
        "/",
        unit.url,
        index.url,
        article.url,
        "/rss/",
        f"/rss/{unit.slug}/",
        "/sitemap-trang.xml",
    ]


def get(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response


def test_second_visit__is_served_from_redis(client, library):
    first = get(client, "/")
    second = get(client, "/")
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert second.content == first.content
    # A hit is answered before the session and user are loaded, with every security header.
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert second[header] == first[header], header
    keys = caches["default"]._cache.get_client().keys("*public-pages*")
    assert keys, "nothing was stored in Redis"


def test_signed_in_users__are_never_served_the_cache(client, library, django_user_model):
    get(client, "/")
    client.force_login(django_user_model.objects.get(username="admin"))
    assert "X-Cache" not in get(client, "/")


def test_publishing__shows_everywhere_at_once(client, library):
    unit, index, article = library
    urls = pages_showing_library_news(unit, index, article)
    for url in urls:
        get(client, url)
    assert all(get(client, url)["X-Cache"] == "HIT" for url in urls)

    new = NewsPageFactory(parent=index, title="Thư viện nhận sách tặng", live=False)
    new.save_revision().publish()
    for url in ["/", unit.url, index.url, "/rss/", f"/rss/{unit.slug}/"]:
        assert "Thư viện nhận sách tặng" in get(client, url).content.decode(), url
    assert new.slug in get(client, "/sitemap-trang.xml").content.decode()
    related = get(client, article.url).content.decode()
    assert "Thư viện nhận sách tặng" in related


def test_unpublishing__removes_it_everywhere_at_once(client, library):
    unit, index, article = library
    urls = ["/", unit.url, index.url, "/rss/", "/sitemap-trang.xml"]
    for url in urls:
        assert (
            article.slug in get(client, url).content.decode()
            or article.title in get(client, url).content.decode()
        )
    article.unpublish()
    for url in urls:
        content = get(client, url).content.decode()
        assert article.title not in content and article.slug not in content, url
    assert client.get(article.url).status_code == HTTPStatus.NOT_FOUND


def test_moving__updates_old_and_new_places(client, library):
    unit, index, article = library
    museum_index = NewsIndexPage.objects.child_of(unit_pages().get(short_name="BTT")).get()
    get(client, index.url)
    get(client, museum_index.url)
    article.move(museum_index, pos="last-child")
    assert article.title not in get(client, index.url).content.decode()
    assert article.title in get(client, museum_index.url).content.decode()


def test_deleting__removes_it_at_once(client, library):
    unit, index, article = library
    get(client, "/")
    NewsPage.objects.get(pk=article.pk).delete()
    assert article.title not in get(client, "/").content.decode()


def test_without_redis__falls_back_to_a_local_cache(client, demo, settings):
    from govcms.settings import base

    assert base.CACHES["default"]["BACKEND"].endswith(
        "RedisCache" if os.environ.get("REDIS_URL") else "LocMemCache"
    )
    settings.GOVCMS_PAGE_CACHE_SECONDS = 600
    assert get(client, "/")["X-Cache"] == "MISS"
    assert get(client, "/")["X-Cache"] == "HIT"


def test_made_up_parameters__are_not_cached(client, library):
    # Pages ignore unknown parameters: a copy per value would let anyone fill Redis.
    for url in ("/?utm_source=1", "/?utm_source=2", "/rss/?x=1"):
        assert "X-Cache" not in get(client, url), url
    get(client, "/?page=1")
    assert get(client, "/?page=1")["X-Cache"] == "HIT"


def test_search_results__are_never_cached(client, library):
    # Whether, and when, someone searched for a name must not show to the next visitor.
    for _ in range(2):
        assert "X-Cache" not in get(client, "/tim-kiem/?q=nguyen+van+binh")
