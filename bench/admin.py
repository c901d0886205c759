"""The admin's everyday screens at scale, for the editor of the largest unit and for an
administrator (run inside Django by bench/run.py; prints a Markdown table).

Each screen is requested through Django's test client, in process, under the settings
bench/run.py gives (production's): the admin needs a signed-in person, and the second
factor is set aside for the measurement. Each screen is requested twice to warm up (the
second counts its queries), then ``BENCH_ADMIN_SAMPLES`` times (20 by default).
"""

import os
import statistics
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compliance.signal_handlers import forget_panels
from departments.models import unit_pages
from news.models import NewsIndexPage, NewsPage

SAMPLES = int(os.environ.get("BENCH_ADMIN_SAMPLES", "20"))
# A list's explorer and the chooser show 25 pages a screen: "deep" is this many screens in.
DEEP_SCREEN, ROWS = 100, 25


def largest_news_list():
    sizes = [(NewsPage.objects.child_of(i).count(), i) for i in NewsIndexPage.objects.all()]
    return max(sizes, key=lambda pair: pair[0])


def screens(index, count):
    article = NewsPage.objects.child_of(index).order_by("-date").first()
    explorer_deep = chooser_deep = min(DEEP_SCREEN, max(count // ROWS, 1))
    return {
        "dashboard": ("/admin/", True),
        # After any change to a page, question or review plan (compliance/signal_handlers.py).
        "dashboard, panel drawn": ("/admin/", True),
        "explorer": (reverse("wagtailadmin_explore", args=[index.pk]), True),
        f"explorer, screen {explorer_deep}": (
            reverse("wagtailadmin_explore", args=[index.pk]) + f"?p={explorer_deep}",
            True,
        ),
        "page chooser": (reverse("wagtailadmin_choose_page_child", args=[index.pk]), True),
        f"page chooser, screen {chooser_deep}": (
            reverse("wagtailadmin_choose_page_child", args=[index.pk]) + f"?p={chooser_deep}",
            True,
        ),
        "edit form": (reverse("wagtailadmin_pages:edit", args=[article.pk]), True),
        "images": (reverse("wagtailimages:index"), True),
        "report: aging pages": (reverse("wagtailadmin_reports:aging_pages"), True),
        "report: locked pages": (reverse("wagtailadmin_reports:locked_pages"), False),
        "report: site history": (reverse("wagtailadmin_reports:site_history"), False),
        "report: statistics": (reverse("editorial:statistics"), True),
        "report: royalties": (reverse("editorial:royalties"), True),
        "content review": (reverse("editorial:reviews"), True),
    }


def measure(client, url, before=None):
    client.get(url)  # warm up (per-process caches, the database's buffers)
    if before:
        before()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries)  # now: each request empties the log
    times = []
    for _ in range(SAMPLES):
        if before:
            before()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9)], count


def main():
    count, index = largest_news_list()
    unit = unit_pages().get(path=index.path[: -NewsPage.steplen])
    people = {
        f"editor of {unit.short_name}": unit.resources.editors.user_set.order_by("pk").first(),
        "administrator": get_user_model().objects.filter(is_superuser=True).order_by("pk").first(),
    }
    print(f"The largest news list: {unit.title}, {count} articles; {SAMPLES} samples each")
    print()
    print("| view | user | median ms | p90 ms | queries |")
    print("| --- | --- | ---: | ---: | ---: |")
    for view, (url, for_editors) in screens(index, count).items():
        for who, user in people.items():
            if not (for_editors or user.is_superuser):
                continue  # refused to a unit's people (departments.middleware)
            client = Client()
            client.force_login(user)
            before = forget_panels if view.endswith("panel drawn") else None
            median, p90, queries = measure(client, url, before)
            print(f"| {view} | {who} | {median:.0f} | {p90:.0f} | {queries} |", flush=True)


with override_settings(GOVCMS_TWO_FACTOR=False, ALLOWED_HOSTS=["*"], SECURE_SSL_REDIRECT=False):
    main()
