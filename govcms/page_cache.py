"""A cache of the public pages, for anonymous visitors, invalidated on every change.

Every cached response is stored under the current *content version*; publishing,
unpublishing, moving or deleting a page (or changing a site or the portal settings) moves
the version on, so every page that shows the changed content (home, unit, lists, feeds,
sitemap, related news) is rendered afresh at once. Old entries simply expire.

The middleware sits early in MIDDLEWARE, after the security headers and static files: a
hit is answered without loading a session or a user.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils.cache import patch_response_headers

from . import frontend_cache

VERSION_KEY = "public-pages:version"
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/xml", "text/plain")
# Search results too: which words someone looked for, and when, is theirs (a cached result
# would tell the next visitor that it was asked for).
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/django-admin/", "/tim-kiem/")
# The query parameters of the public pages: news lists, search and the sitemap files.
CACHED_PARAMETERS = {
    "page",
    "year",
    "month",
    "p",
    "q",
    "don-vi",
    "loai",
    "tu-ngay",
    "den-ngay",
    "sap-xep",
    # The legal documents' filters (legal/filters.py).
    "co-quan",
    "linh-vuc",
    "nam",
    "hieu-luc",
}


def page_cache():
    return caches[settings.GOVCMS_PAGE_CACHE_ALIAS]


def counter(cache, key):
    """A counter kept in ``cache``: a lost one (evicted, or the cache restarted) starts
    again from the clock, never from a value that entries may still be kept under."""
    return cache.get_or_set(key, time.time_ns, timeout=None)


def advance(cache, key):
    """Move a counter kept in ``cache`` on by one (from the clock when it is lost)."""
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), timeout=None)


def content_version():
    return counter(page_cache(), VERSION_KEY)


def move_content_version_on():
    advance(page_cache(), VERSION_KEY)


def bump_content_version(**kwargs):
    """Make every cached public page stale: now, and again once the change is committed,
    so that no page rendered from the rows before it stays cached as current."""
    move_content_version_on()
    transaction.on_commit(move_content_version_on)


def _cache_key(request):
    return f"public-pages:{content_version()}:{request.get_host()}:{request.get_full_path()}"


def _known_parameters(request):
    # Pages ignore parameters they do not know; caching a copy per made-up parameter
    # would let anyone fill the cache.
    return all(name in CACHED_PARAMETERS for name in request.GET)


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(EXCLUDED_PREFIXES)
        # Anyone signed in carries the session cookie; without one the visitor is
        # anonymous, which is known before the session, user and CSRF middleware run.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and _known_parameters(request)
    )


def _cacheable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
    )


class PublicPageCacheMiddleware:
    """Serve anonymous visitors' GET requests from the cache (``X-Cache`` says which), and
    mark the responses they may share for the HTTP cache in front (govcms/frontend_cache.py):
    how long it may keep them (``Surrogate-Control``) and what they show (``X-Cache-Tags``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        stored = settings.GOVCMS_PAGE_CACHE_SECONDS > 0
        if stored:
            key = _cache_key(request)
            cached = page_cache().get(key)
            if cached is not None:
                cached["X-Cache"] = "HIT"
                return cached
        response = self.get_response(request)
        if not _cacheable_response(response):
            return response
        if frontend_cache.enabled() and settings.GOVCMS_FRONTEND_CACHE_SECONDS > 0:
            seconds = settings.GOVCMS_FRONTEND_CACHE_SECONDS
            response["Surrogate-Control"] = f"max-age={seconds}"
            response["X-Cache-Tags"] = frontend_cache.response_tags(request)
        if stored:
            if hasattr(response, "render") and callable(response.render):
                response.render()
            # One chunk: a response built with many write() calls (the feeds) would otherwise
            # be stored, and sent on every hit, as thousands of small pieces.
            response.content = response.content
            patch_response_headers(response, cache_timeout=0)
            response["X-Cache"] = "MISS"
            page_cache().set(key, response, settings.GOVCMS_PAGE_CACHE_SECONDS)
        return response
