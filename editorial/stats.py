"""Views counted by the portal itself, without trackers (issue: statistics).

A public page's HTML names its beacon (``data-view-beacon`` on ``<body>``); the portal's
script posts to it once the page is shown, so pages served from any cache count too. The
beacon stores one thing: one more view of that page today, in a Redis hash per day
(``HINCRBY``, a few microseconds). No cookie is set or read, and no address, browser or
referrer is kept. Requests that say they are robots, prefetches and headless browsers are
not counted. The worker's daily flush moves each finished day into ``PageViews`` rows.
"""

import re

import redis
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import PageViews

# A day's hash outlives its flush by a week: a stopped worker loses nothing.
KEEP_SECONDS = 8 * 24 * 60 * 60

# What robots, link previewers, monitors and scripted browsers say of themselves.
ROBOT = re.compile(
    r"bot|crawl|spider|slurp|bingpreview|facebookexternalhit|embedly|preview|monitor|"
    r"lighthouse|headless|phantomjs|selenium|puppeteer|playwright|curl|wget|python|java/|"
    r"go-http|okhttp|axios|node-fetch|httpclient|scrapy|feedfetcher|validator",
    re.IGNORECASE,
)


def redis_client():
    return redis.Redis.from_url(settings.GOVCMS_VIEWS_REDIS_URL)


def is_robot(request):
    agent = request.headers.get("User-Agent", "")
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", "")
    return not agent or bool(ROBOT.search(agent)) or "prefetch" in purpose


def day_key(day):
    return settings.GOVCMS_VIEWS_KEY.format(day=day)


def count_view(page_id, client=None):
    client = client or redis_client()
    key = day_key(timezone.localdate().isoformat())
    with client.pipeline(transaction=False) as pipe:
        pipe.hincrby(key, page_id, 1)
        pipe.expire(key, KEEP_SECONDS)
        pipe.execute()


def flush_views(client=None, today=None):
    """Writes every finished day still in Redis into ``PageViews`` (the day's total,
    so a flush repeated after a failure counts nothing twice), then drops it from Redis.
    Returns the number of (page, day) rows written."""
    client = client or redis_client()
    today = today or timezone.localdate()
    written = 0
    for key in sorted(client.scan_iter(match=day_key("*"))):
        key = key.decode() if isinstance(key, bytes) else key
        day = key.rsplit(":", 1)[1]
        if day >= today.isoformat():
            continue  # still counting
        counts = {int(page): int(views) for page, views in client.hgetall(key).items()}
        written += _store(day, counts)
        client.delete(key)
    return written


def _store(day, counts):
    if not counts:
        return 0
    table = PageViews._meta.db_table
    rows = list(counts.items())
    with transaction.atomic(), connection.cursor() as cursor:
        # Only pages that still exist; the day's total replaces any earlier flush's.
        cursor.execute(
            f"""
            INSERT INTO {table} (page_id, day, views)
            SELECT counted.page_id, %s::date, counted.views
            FROM unnest(%s::int[], %s::int[]) AS counted(page_id, views)
            JOIN wagtailcore_page ON wagtailcore_page.id = counted.page_id
            ON CONFLICT (page_id, day) DO UPDATE SET views = EXCLUDED.views
            """,
            [day, [page for page, _views in rows], [views for _page, views in rows]],
        )
        return cursor.rowcount
