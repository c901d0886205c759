"""The admin's page search and page chooser at scale, for the editor of the largest unit
and for an administrator (run inside Django by bench/run.py; prints a Markdown table).

Each of the benchmark's queries is sent through Django's test client, in process: the
admin needs a signed-in person, and the second factor is set aside for the measurement.
"""

import json
import os
import statistics
import time

from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from departments.models import DepartmentPage

with open(os.environ["BENCH_QUERIES_FILE"], encoding="utf-8") as file:
    QUERIES = [query for _kind, query in json.load(file)]
URLS = {"page search": "/admin/pages/search/", "page chooser search": "/admin/choose-page/search/"}


def measure():
    unit = max(DepartmentPage.objects.all(), key=lambda u: u.get_descendants().count())
    people = {
        f"editor of {unit.title}": unit.resources.editors.user_set.order_by("pk").first(),
        "administrator": get_user_model().objects.filter(is_superuser=True).first(),
    }
    print("| who | view | p50 ms | p90 ms | max ms | queries |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for who, user in people.items():
        client = Client()
        client.force_login(user)
        for view, url in URLS.items():
            client.get(url, {"q": "khởi động"})  # warm up
            times = []
            for query in QUERIES:
                started = time.perf_counter()
                response = client.get(url, {"q": query})
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, query, response.status_code)
            times.sort()
            print(
                f"| {who} | {view} | {statistics.median(times):.0f} "
                f"| {times[int(len(times) * 0.9)]:.0f} | {times[-1]:.0f} | {len(times)} |"
            )


with override_settings(GOVCMS_TWO_FACTOR=False, ALLOWED_HOSTS=["*"], SECURE_SSL_REDIRECT=False):
    measure()
