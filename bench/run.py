"""Benchmark the portal the way production serves it.

Seeds PostgreSQL with the large data set (once; kept between runs), serves the portal with
gunicorn under the production settings, measures each main page with wrk, uncached and
from the Redis page cache, prints a table, and prints the query plans of the heavy
listings. Run it with `make bench` (README); it needs PostgreSQL, Redis and wrk.
"""

import argparse
import csv
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8100"))
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/govcms_bench"


def run(*args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def manage(*args, env, capture=False):
    result = run(PYTHON, "manage.py", *args, env=env, capture_output=capture, text=True)
    return result.stdout if capture else None


def shell(code, env):
    return manage("shell", "--no-imports", "-c", code, env=env, capture=True).strip()


def ensure_database(url):
    name = url.rsplit("/", 1)[1]
    base = url.rsplit("/", 1)[0] + "/postgres"
    exists = subprocess.run(
        ["psql", base, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["psql", base, "-qc", f'CREATE DATABASE "{name}"'], check=True)


def _count(module, model, env):
    return int(shell(f"from {module} import {model}; print({model}.objects.count())", env))


def prepare(args, env):
    ensure_database(args.database)
    manage("migrate", "--noinput", "-v0", env=env)
    manage("load_demo", env=env, capture=True)
    news = args.news - _count("news.models", "NewsPage", env)
    documents = args.documents - _count("legal.models", "LegalDocumentPage", env)
    questions = args.questions - _count("questions.models", "Question", env)
    weeks = args.weeks if _count("schedule.models", "WeekSchedulePage", env) < args.weeks else 0
    if news > 0 or documents > 0 or questions > 0 or weeks > 0:
        news, documents, questions = max(news, 0), max(documents, 0), max(questions, 0)
        started = time.monotonic()
        manage(
            "seed_scale",
            *("--units", str(args.units), "--news", str(news), "--documents", str(documents)),
            *("--questions", str(questions), "--weeks", str(weeks)),
            env=env,
            capture=True,
        )
        print(
            f"seeded {news} articles, {documents} documents, {questions} questions and"
            f" {weeks} weeks of schedule in {time.monotonic() - started:.0f} s",
            flush=True,
        )
    manage("collectstatic", "--noinput", "-v0", env=env)


DOCUMENT_TARGETS = (
    "from legal.models import LegalDocumentIndexPage as I, LegalDocumentPage as D\n"
    "sizes = [(D.objects.child_of(i).count(), i) for i in I.objects.all()]\n"
    "count, index = max(sizes, key=lambda pair: pair[0])\n"
    "newest = D.objects.child_of(index).order_by('-issued_on').first()\n"
    "print(index.url, count, newest.number, sep='|')"
)


def document_targets(env):
    index_url, count, number = shell(DOCUMENT_TARGETS, env).splitlines()[-1].split("|")
    deep = min(int(count) // 20, 501)
    typed = urllib.parse.quote(number.lower().replace("/", " "))
    return [
        ("documents", index_url),
        (f"documents, page {deep}", f"{index_url}?page={deep}"),
        ("documents, filtered", f"{index_url}?loai=ke-hoach&hieu-luc=het-hieu-luc&nam=2022"),
        ("documents, number lookup", f"{index_url}?q={typed}"),
    ]


UNIT_TARGETS = (
    "from departments.models import unit_pages\n"
    "from questions.models import AnswerPage, QuestionIndexPage as Q\n"
    "from schedule.models import ScheduleIndexPage as S, WeekSchedulePage as W\n"
    "unit = unit_pages().get(short_name='TTXTDL')\n"
    "questions = Q.objects.child_of(unit).get()\n"
    "count = AnswerPage.objects.child_of(questions).count()\n"
    "schedule = S.objects.child_of(unit).get()\n"
    "week = W.objects.child_of(schedule).order_by('week_start')[50]\n"
    "answer = AnswerPage.objects.child_of(questions).order_by('-asked_on').first()\n"
    "print(unit.url, questions.url, count, schedule.url, week.url, answer.url, sep='|')"
)


def unit_targets(env):
    """A demo unit's information, schedule and question pages (the demo gives it its
    information pages and their English versions; seed_scale its questions and weeks)."""
    line = shell(UNIT_TARGETS, env).splitlines()[-1]
    unit_url, questions_url, count, schedule_url, week_url, answer_url = line.split("|")
    deep = max(int(count) // 20, 1)
    return [
        ("organisation", f"{unit_url}co-cau-to-chuc/"),
        ("schedule, this week", schedule_url),
        ("schedule, week 50", week_url),
        ("schedule feed", f"{schedule_url}rss/"),
        ("questions", questions_url),
        (f"questions, page {deep}", f"{questions_url}?page={deep}"),
        ("answer", answer_url),
        ("ask a question", f"{questions_url}gui-cau-hoi/"),
        ("english unit", f"/en{unit_url}"),
    ]


def targets(env):
    code = (
        "from departments.models import DepartmentPage\n"
        "from news.models import NewsIndexPage, NewsPage\n"
        "sizes = [(NewsPage.objects.child_of(i).count(), i) for i in NewsIndexPage.objects.all()]\n"
        "count, index = max(sizes, key=lambda pair: pair[0])\n"
        "article = NewsPage.objects.child_of(index).order_by('-date').first()\n"
        "print(index.url, count, article.url, sep='|')"
    )
    index_url, count, article_url = shell(code, env).splitlines()[-1].split("|")
    deep = min(int(count) // 10, 1001)
    return [
        ("article", article_url),
        ("home", "/"),
        ("news index", index_url),
        (f"news index, page {deep}", f"{index_url}?page={deep}"),
        ("news index, month", f"{index_url}?year=2022&month=5"),
        ("search", "/tim-kiem/?q=hoi+nghi+thi+dua"),
        ("feed", "/rss/"),
        ("sitemap index", "/sitemap.xml"),
        *document_targets(env),
        *unit_targets(env),
    ]


def query_set(env):
    """The search benchmark's queries, drawn from the corpus (bench/search_queries.py)."""
    code = (ROOT / "bench" / "search_queries.py").read_text(encoding="utf-8")
    return json.loads(shell(code, env).splitlines()[-1])


def timed_get(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        assert response.status == 200, (url, response.status)
    return (time.perf_counter() - started) * 1000


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def measure_search(queries, rounds=2):
    """Each query of the set, one request at a time, ``rounds`` times after a warm-up
    round; the search results and the title suggestions for its first letters."""
    base = f"http://127.0.0.1:{PORT}"
    samples = {"search": {}, "suggestions": {}}
    for round_number in range(rounds + 1):
        for kind, query in queries:
            search = timed_get(f"{base}/tim-kiem/?{urllib.parse.urlencode({'q': query})}")
            typed = query[: max(3, len(query) - 2)]
            suggest = timed_get(f"{base}/tim-kiem/goi-y/?{urllib.parse.urlencode({'q': typed})}")
            if round_number:
                samples["search"].setdefault(kind, []).append(search)
                samples["suggestions"].setdefault(kind, []).append(suggest)
    return samples


# The queries measured before search was rebuilt (docs/performance.md), each on its own.
NAMED_QUERIES = ["lễ hội", "du lịch", "hội nghị", "thư viện số hóa", "qwzxv"]


def measure_named(rounds=5):
    base = f"http://127.0.0.1:{PORT}/tim-kiem/?"
    medians = {}
    for query in NAMED_QUERIES:
        url = base + urllib.parse.urlencode({"q": query})
        timed_get(url)
        medians[query] = statistics.median(timed_get(url) for _ in range(rounds))
    return medians


def print_search(samples, count):
    print(f"Search: {count} queries, one request at a time, page cache off")
    print()
    print("| requests | kind | samples | p50 ms | p99 ms | max ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, kinds in samples.items():
        every = [value for values in kinds.values() for value in values]
        for kind, values in [*kinds.items(), ("whole set", every)]:
            print(
                f"| {name} | {kind} | {len(values)} | {percentile(values, 0.5):.1f} "
                f"| {percentile(values, 0.99):.1f} | {max(values):.1f} |"
            )
    print()


def serve(env, workers):
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "govcms.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=5)
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("gunicorn did not start")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s|m|h)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}[unit]


def wrk(url, connections, seconds, headers=()):
    options = [option for header in headers for option in ("-H", header)]
    output = subprocess.run(
        [
            *("wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s"),
            *("--latency", *options, url),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket:
        errors += sum(int(n) for n in socket.groups())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "errors": errors,
    }


EXPLAIN = """
from django.db import connection
from news.models import NewsIndexPage, NewsPage, _period
sizes = [(NewsPage.objects.child_of(i).count(), i) for i in NewsIndexPage.objects.all()]
count, index = max(sizes, key=lambda pair: pair[0])
article = NewsPage.objects.child_of(index).order_by("-date").first()
news = index.get_news()
public = NewsPage.objects.public_news()
start, end = _period(2022, 5)
queries = {
    "news list count (the paginator's)": (
        "SELECT COUNT(*) FROM news_newspage WHERE listed AND news_index_id = %s",
        [index.pk],
    ),
    "deep page ids (offset 10000)": news.values_list("pk", flat=True)[10000:10010],
    "year/month filter": news.filter(date__gte=start, date__lt=end)[:10],
    "topic page": news.filter(tags__slug="du-lich")[:10],
    "topic page, deep ids (offset 2000)": (
        news.filter(tags__slug="du-lich").values_list("pk", flat=True)[2000:2010]
    ),
    "related news": public.filter(news_index=index).exclude(pk=article.pk)[:4],
    "home, latest": public.filter(path__startswith=index.path[:4])[:10],
}
for name, queryset in queries.items():
    sql, params = queryset if isinstance(queryset, tuple) else queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    print("###", name)
    print("\\n".join(plan))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--news", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--questions", type=int, default=20_000)
    parser.add_argument("--weeks", type=int, default=104)
    parser.add_argument(
        "--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument(
        "--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--only",
        choices=["pages", "edge", "search", "admin", "load"],
        help="measure only the pages, the HTTP cache (Varnish against nginx), search, the "
        "admin's screens or the admin under load",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "govcms.settings.production",
        "DATABASE_URL": args.database,
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "REDIS_URL": args.redis,
        "LOG_LEVEL": "WARNING",
        # The benchmark is one client sending every query: no per-address limit.
        "SEARCH_RATE_LIMIT": "1000000",
        "SUGGEST_RATE_LIMIT": "1000000",
    }
    prepare(args, env)
    if args.only in (None, "search"):
        search(args, env)
    if args.only in (None, "pages"):
        measure_pages(args, env)
    if args.only in (None, "edge"):
        measure_edge(args, env)
    if args.only in (None, "admin"):
        measure_admin(env)
    if args.only in (None, "load"):
        load(args, env)


def measure_edge(args, env):
    """Cached pages through Varnish and nginx from deploy/, against nginx's static rate."""
    sys.path.insert(0, str(ROOT))
    import edge

    names = ("article", "home", "news index")
    pages = [(name, path) for name, path in targets(env) if name in names]
    rows = edge.measure(
        pages,
        {**env, "PAGE_CACHE_SECONDS": "600"},
        serve=serve,
        stop=stop,
        wrk=wrk,
        port=PORT,
        seconds=args.seconds,
        workers=args.workers,
    )
    edge.print_table(rows, args.seconds)


def search(args, env):
    queries = query_set(env)
    server = serve({**env, "PAGE_CACHE_SECONDS": "0"}, args.workers)
    try:
        samples = measure_search(queries)
        named = measure_named()
    finally:
        stop(server)
    print()
    print_search(samples, len(queries))
    print("| query | median of 5, ms |")
    print("| --- | ---: |")
    for query, median in named.items():
        print(f"| {query} | {median:.1f} |")
    print()
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as file:
        json.dump(queries, file, ensure_ascii=False)
        file.flush()
        code = (ROOT / "bench" / "admin_search.py").read_text(encoding="utf-8")
        print(f"Admin search: the same {len(queries)} queries, in process")
        print()
        print(shell(code, {**env, "BENCH_QUERIES_FILE": file.name}))
    print()
    print(shell(EXPLAIN_SEARCH, env))


def measure_pages(args, env):
    pages = targets(env)
    results = {}
    modes = [
        # One connection: each request's own latency, without queueing behind others.
        ("uncached", {"PAGE_CACHE_SECONDS": "0"}, 1),
        ("cached", {"PAGE_CACHE_SECONDS": "600"}, 64),
    ]
    for mode, extra, connections in modes:
        server = serve({**env, **extra}, args.workers)
        try:
            for name, path in pages:
                url = f"http://127.0.0.1:{PORT}{path}"
                urllib.request.urlopen(url, timeout=60).read()  # warm up and fill the cache
                results[(name, mode)] = wrk(url, connections, args.seconds)
                print(f"measured {name} ({mode})", flush=True)
        finally:
            stop(server)

    print()
    print(
        f"{args.news} articles, {args.units} units; gunicorn {args.workers} workers; "
        f"wrk {args.seconds} s per page; uncached at 1 connection, cached at 64"
    )
    columns = ["req/s", "p50 ms", "p99 ms", "errors"]
    header = ["page"] + [f"uncached {c}" for c in columns] + [f"cached {c}" for c in columns]
    print("| " + " | ".join(header) + " |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, _path in pages:
        u, c = results[(name, "uncached")], results[(name, "cached")]
        print(
            f"| {name} | {u['rps']:.0f} | {u['p50']:.1f} | {u['p99']:.1f} | {u['errors']} "
            f"| {c['rps']:.0f} | {c['p50']:.1f} | {c['p99']:.1f} | {c['errors']} |"
        )
    print()
    print(shell(EXPLAIN, env))


def measure_admin(env):
    """The admin's screens for a unit's editor and an administrator (bench/admin.py)."""
    print("Admin screens, in process")
    print()
    print(shell((ROOT / "bench" / "admin.py").read_text(encoding="utf-8"), env))
    print()


LOAD_EDITORS = 20
LOAD_PASSWORD = "bench-editor-" + "x" * 12
# Undoes what the load test's editors did (drafts of unchanged content, submissions),
# so that approvers' dashboards and the next run start from the same database.
LOAD_CLEANUP = """
from django.contrib.auth import get_user_model
from django.db.models import F
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState
editors = get_user_model().objects.filter(username__startswith="bench.bientap.")
revisions = Revision.page_revisions.filter(user__in=editors)
pages = [int(pk) for pk in revisions.values_list("object_id", flat=True).distinct()]
WorkflowState.objects.filter(requested_by__in=editors).delete()
revisions.delete()
PageLogEntry.objects.filter(user__in=editors).delete()
Page.objects.filter(pk__in=pages, latest_revision__isnull=True).update(
    has_unpublished_changes=False, draft_title=F("title"), latest_revision_created_at=None
)
print(len(pages), "articles edited by the benchmark's editors restored")
"""
LOAD_PLAN = """
import json, os
from django.contrib.auth import get_user_model
from departments.models import unit_pages
from news.models import NewsIndexPage, NewsPage
editors = []
units = list(unit_pages().order_by("path"))
for number in range(int(os.environ["BENCH_LOAD_EDITORS"])):
    unit = units[number % len(units)]
    index = NewsIndexPage.objects.child_of(unit).first()
    user, _ = get_user_model().objects.get_or_create(username=f"bench.bientap.{number + 1:02d}")
    user.set_password(os.environ["BENCH_LOAD_PASSWORD"])
    user.save()
    user.groups.set([unit.resources.editors])
    # Articles nobody has edited yet: each run submits some, and they wait for approval.
    articles = NewsPage.objects.child_of(index).filter(latest_revision__isnull=True)
    editors.append({
        "username": user.username,
        "password": os.environ["BENCH_LOAD_PASSWORD"],
        "explorer": f"/admin/pages/{index.pk}/",
        "articles": list(articles.order_by("-date").values_list("pk", flat=True)[:200]),
    })
with open(os.environ["BENCH_LOAD_FILE"], "w", encoding="utf-8") as file:
    json.dump({"editors": editors}, file)
print(len(editors), "editors in", len(units), "units")
"""


def load(args, env, seconds=60):
    """``LOAD_EDITORS`` editors (accounts of the benchmark's own, one in each unit's
    editors) at work for ``seconds`` (bench/locustfile.py), against gunicorn. They start
    one a second, as a morning's sign-ins do: each sign-in hashes a password (half a
    second of a core)."""
    try:
        import bs4  # noqa: F401
        import locust  # noqa: F401
    except ImportError:
        raise SystemExit("locust is missing: pip install -r requirements-dev.txt") from None
    with tempfile.TemporaryDirectory() as folder:
        plan = os.path.join(folder, "plan.json")
        plan_env = {
            **env,
            "BENCH_LOAD_FILE": plan,
            "BENCH_LOAD_EDITORS": str(LOAD_EDITORS),
            "BENCH_LOAD_PASSWORD": LOAD_PASSWORD,
        }
        print(shell(LOAD_CLEANUP, env).splitlines()[-1], flush=True)  # an interrupted run
        print(shell(LOAD_PLAN, plan_env).splitlines()[-1], flush=True)
        server = serve(env, args.workers)
        try:
            subprocess.run(
                [
                    *(PYTHON, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py")),
                    *("--headless", "--users", str(LOAD_EDITORS), "--spawn-rate", "1"),
                    *("--run-time", f"{seconds}s", "--host", f"http://127.0.0.1:{PORT}"),
                    *("--csv", os.path.join(folder, "load"), "--only-summary"),
                    *("--loglevel", "WARNING"),
                ],
                cwd=ROOT,
                env=plan_env,
                check=False,  # locust fails the run on any error: the table says which
            )
        finally:
            stop(server)
            print(shell(LOAD_CLEANUP, env).splitlines()[-1], flush=True)
        with open(os.path.join(folder, "load_stats.csv"), encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
    print()
    think = plan_env.get("BENCH_LOAD_THINK", "5,10").replace(",", "-")
    print(
        f"{LOAD_EDITORS} editors for {seconds} s, gunicorn {args.workers} workers, "
        f"{think} s between an editor's steps"
    )
    print()
    print("| request | count | errors | p50 ms | p95 ms | p99 ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        longest = float(row["Max Response Time"])
        print(
            f"| {row['Type']} {row['Name']} | {row['Request Count']} | {row['Failure Count']} "
            f"| {row['50%']} | {row['95%']} | {row['99%']} | {longest:.0f} |"
        )
    print()


EXPLAIN_SEARCH = """
from django.db import connection
from wagtail.models import Site
from search import engine
root = Site.objects.get(is_default_site=True).root_page.path
filters, params = engine._filters(engine.Query(text=""), root)
cases = {
    "few matches (a document number): every match, in the RUM index's order": (
        engine.MATCHES_SQL.format(filters=filters, order=engine.RUM_ORDER), "125/KH-TTXTDL"),
    "many matches (le hoi): the best title matches": (
        engine.TITLE_SQL.format(filters=filters), "le hoi"),
    "many matches (le hoi): a window of the newest pages": (
        engine.WINDOW_SQL.format(filters=filters), "le hoi"),
}
for name, (sql, text) in cases.items():
    values = {**params, "text": text, "candidates": engine.CANDIDATES,
              "title_candidates": engine.TITLE_CANDIDATES,
              "dense_titles": engine.DENSE_TITLE_MATCHES, "window": engine.WINDOW,
              "before": "infinity", "before_id": 2**31 - 1}
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + sql, values)
        print("###", name)
        print("\\n".join(row[0] for row in cursor.fetchall()))
"""


if __name__ == "__main__":
    main()
