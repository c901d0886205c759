"""The HTTP cache in front of the portal (Varnish, deploy/varnish/govcms.vcl), and its bans.

Each public response that anonymous visitors may share carries tags (``X-Cache-Tags``)
naming the pages it is made of:

- ``page-<id>``: the page it shows, with all its sub-pages of lists (``?page=``, topics,
  months, the list's own feed);
- ``tree-<id>`` for the page and each page above it: the branches it belongs to;
- ``lists``: any response that is not one page (the portal's feeds, the sitemap);
- what a page type shows from elsewhere in the tree (``cache_tags_shown``): every article
  lists the portal's newest news (``latest-news``), every legal document the documents
  that replace it or that it replaces, wherever they are (``legal-documents``).

When a page is published, unpublished, moved or deleted, the cache drops, with one ban
sent once the change is committed, every response that can show it:

- its parent's branch: the page, its sub-pages, and its siblings (whose related news
  and side navigation list it);
- each page above it (the lists it appears in, the unit page, home);
- the same for each of its translations (their language switch points to it);
- ``lists``, and what its type is shown as elsewhere (``cache_tags_shown``).

A page right under home is in the header of every page, so its change drops them all; so
does a change to a site, the portal settings, a view restriction, an image or a
document. Bans name tags, never URLs: a list's deeper pages shift when an article
arrives, and a tag reaches them all.

The backend is Wagtail's HTTP purge backend (``WAGTAILFRONTENDCACHE``), taught to ban.
"""

import logging
from datetime import timedelta
from urllib.request import Request, urlopen

from django.conf import settings
from django.core import checks
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page

from .tasks import ban_frontend_cache

logger = logging.getLogger(__name__)

EVERYTHING = "."
# More tags than this in one ban, and the whole cache is dropped instead.
MOST_TAGS = 200
STEP = Page.steplen
HOME_DEPTH = 2  # the portal's home pages (one per language) are the tree root's children


class BanRequest(Request):
    def get_method(self):
        return "BAN"


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend (it purges URLs), which can also ban by tag."""

    def __init__(self, params):
        self.timeout = params.pop("TIMEOUT", 2)
        super().__init__(params)

    def ban(self, pattern):
        """Drop every cached response whose tags match ``pattern``; raises OSError."""
        request = BanRequest(
            f"{self.cache_scheme}://{self.cache_netloc}/", headers={"X-Cache-Tags": pattern}
        )
        with urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - configured
            response.read()


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


@checks.register(checks.Tags.security, deploy=True)
def check_proxies(app_configs, **kwargs):
    """Behind the HTTP cache (and nginx), the visitor's address is not the connection's."""
    if not enabled() or settings.GOVCMS_TRUSTED_PROXY_COUNT:
        return []
    return [
        checks.Warning(
            "FRONTEND_CACHE_URLS is set but TRUSTED_PROXY_COUNT is 0: every visitor would "
            "have the cache's address, and one visitor's failed sign-ins, password guesses "
            "and questions would count against all.",
            hint="Set TRUSTED_PROXY_COUNT=2 behind nginx and Varnish (docs/deployment.md).",
            id="govcms.W002",
        )
    ]


# The tags of a response


def shown_tags(page):
    """What a page of this type shows from elsewhere in the tree, by tag (a page type's
    ``cache_tags_shown``): a change to such a page reaches every page of the type."""
    return set(getattr(page.specific_class or type(page), "cache_tags_shown", ()))


def response_tags(request):
    """The tags of a public response, from the page the request was served (if any)."""
    page = getattr(request, "served_page", None)
    if page is None:
        return "lists"
    prefixes = [page.path[:end] for end in range(STEP, len(page.path) + 1, STEP)]
    ids = Page.objects.filter(path__in=prefixes).values_list("pk", flat=True)
    tags = [f"page-{page.pk}", *(f"tree-{pk}" for pk in sorted(ids)), *sorted(shown_tags(page))]
    return ",".join(tags)


def pattern(tags):
    if EVERYTHING in tags or len(tags) > MOST_TAGS:
        return EVERYTHING
    return "(^|,)(" + "|".join(sorted(tags)) + ")(,|$)"


# What a change drops


def _ids_by_path(paths):
    return dict(Page.objects.filter(path__in=paths).values_list("path", "pk"))


def branch_tags(parent_path):
    """Tags of what shows a change under the page at ``parent_path``: its branch, and each
    page above it (including itself)."""
    if len(parent_path) // STEP <= HOME_DEPTH:
        return {EVERYTHING}  # right under a home page: in every page's header
    prefixes = [parent_path[:end] for end in range(STEP, len(parent_path) + 1, STEP)]
    ids = _ids_by_path(prefixes)
    tags = {f"page-{pk}" for pk in ids.values()}
    if parent_path in ids:
        tags.add(f"tree-{ids[parent_path]}")
    else:
        tags.add(EVERYTHING)  # the parent is gone too: make sure
    return tags


def page_tags(page):
    """Tags of every response that shows ``page``, or any of its translations."""
    tags = {"lists"} | shown_tags(page)
    translations = Page.objects.filter(translation_key=page.translation_key).values_list(
        "path", flat=True
    )
    for path in {page.path, *translations}:
        tags |= branch_tags(path[:-STEP])
    return tags


# Sending the bans: once the change is committed, and again a little later


# A ban an HTTP cache did not take: again after 5 s, 30 s, 2 min and 10 min.
BAN_RETRY_SECONDS = (5, 30, 120, 600)


def send(pattern_, backend_names=None, attempt=1):
    """Ban ``pattern_`` in each configured cache (or in those named). A cache that fails is
    tried again by the worker; after the last attempt the failure is logged as an error:
    pages may be stale there until their cache time ends."""
    for name, backend in get_backends(backends=backend_names).items():
        if not hasattr(backend, "ban"):
            continue
        try:
            backend.ban(pattern_)
        except OSError:
            if (
                attempt > len(BAN_RETRY_SECONDS)
                or not ban_frontend_cache.get_backend().supports_defer
            ):
                logger.exception("The HTTP cache %s did not take a ban (attempt %d)", name, attempt)
                continue
            logger.warning("The HTTP cache %s did not take a ban; the worker retries", name)
            later = timezone.now() + timedelta(seconds=BAN_RETRY_SECONDS[attempt - 1])
            ban_frontend_cache.using(run_after=later).enqueue(pattern_, [name], attempt=attempt + 1)


def _flush(connection):
    from .page_cache import move_content_version_on

    tags = connection.__dict__.pop("govcms_frontend_cache_bans", None)
    if not tags:
        return
    pattern_ = pattern(tags)
    # The page cache's version first: what Varnish fetches again must not be a copy Redis
    # kept from before the change.
    move_content_version_on()
    send(pattern_)
    # A page whose rendering began before the commit reaches the cache after this ban,
    # stale; the same ban a few seconds later drops it.
    if ban_frontend_cache.get_backend().supports_defer:
        later = timezone.now() + timedelta(seconds=settings.GOVCMS_FRONTEND_CACHE_SECOND_BAN)
        ban_frontend_cache.using(run_after=later).enqueue(pattern_)


def ban_later(tags):
    """Ban ``tags`` once the current transaction commits (at once outside one). The tags
    of all the changes of one transaction go in one ban."""
    if not enabled() or not tags:
        return
    connection = transaction.get_connection()
    connection.__dict__.setdefault("govcms_frontend_cache_bans", set()).update(tags)
    # Every change registers the flush; the first to run after the commit sends them all.
    # (After a rollback the tags stay, and go with the next commit: one needless ban.)
    transaction.on_commit(lambda: _flush(connection))


# Signal handlers (govcms/signal_handlers.py)


def page_changed(instance, **kwargs):
    """Published, unpublished or deleted (for a deleted branch, each of its pages)."""
    if enabled():
        ban_later(page_tags(instance))


def page_moved(instance, parent_page_before, parent_page_after, **kwargs):
    if enabled():
        ban_later(
            {"lists"}
            | page_tags(instance)
            | branch_tags(parent_page_before.path)
            | branch_tags(parent_page_after.path)
        )


def everything_changed(**kwargs):
    ban_later({EVERYTHING})
