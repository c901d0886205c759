"""The portal's public search: matching, ranking, filters, snippets and suggestions.

Every page's words live once, in Wagtail's search index (``wagtailsearch_indexentry``),
folded by the ``govcms_vi`` configuration (search/backend.py). On PostgreSQL a search
runs in two steps (docs/search.md):

1. **Candidates.** PostgreSQL's estimate of the matches decides how they are found. Few:
   the RUM index returns them already ordered by its ranking (``vector <=> query``: word
   weights, words close together above words far apart), and the best CANDIDATES are
   kept. Many (words as common as "năm" or "lễ hội"): the best title matches, and the
   newest matching pages, found by walking the live pages newest first. Either way only
   live, public pages of the chosen units, kinds and dates are candidates.
2. **Order.** The candidates are ordered as a reader expects: words typed with their marks
   found as typed, then all words in the title, then the words as a phrase, then the
   index's ranking in coarse steps, and the newest first among equals.

Each result carries a snippet of its text with the matched words marked, escaped here.
A whole search has SEARCH_SECONDS: every statement runs with what is left of it as its
``statement_timeout`` (``SearchTimeout`` when it runs out).

Other databases (SQLite for a first local run) get Wagtail's own search, with the same
filters and without the ordering rules.
"""

import contextlib
import dataclasses
import datetime
import math
import re
import time
import unicodedata

from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page

from govcms.pages import restricted_paths

from .kinds import KINDS, content_type_ids

RESULTS_PER_PAGE = 10
# How many of the best matches are ordered and paged through (20 pages of 10).
CANDIDATES = 200
MAX_PAGES = math.ceil(CANDIDATES / RESULTS_PER_PAGE)
MAX_WORDS = 12
# A whole search, every statement included, stops after this long and the reader is
# asked for a more specific query.
SEARCH_SECONDS = 3.0
SUGGESTIONS = 8
# Above this many estimated matches, the candidates are the best title matches (when
# titles hold the words at most DENSE_TITLE_MATCHES times) and the newest matching pages,
# read WINDOW pages at a time, at most MAX_WINDOWS windows.
DENSE_MATCHES = 10_000
TITLE_CANDIDATES = 100
DENSE_TITLE_MATCHES = 3_000
WINDOW = 1_000
MAX_WINDOWS = 10
# Suggestions look for titles among the newest SUGGEST_WINDOW pages first.
SUGGEST_WINDOW = 2_000

MARK_START, MARK_END = "\x02", "\x03"
TITLE_HEADLINE_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12,"
    ' MaxFragments=2, FragmentDelimiter=" … "'
)
NON_WORD = re.compile(r"[^\w/.-]+|(?<!\w)[/.-]+|[/.-]+(?!\w)")
# Zero-width characters and the soft hyphen: invisible, but they would split a word.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
QUERY_CANCELED = "57014"
_RANK_INDEX = {}


class SearchTimeout(Exception):
    """The database gave up on a search after SEARCH_SECONDS."""


@dataclasses.dataclass(frozen=True)
class Query:
    text: str
    unit_path: str = ""
    kinds: tuple = ()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    by_date: bool = False


@dataclasses.dataclass
class Result:
    page: Page
    title: str
    snippet: str
    date: datetime.datetime | None


@dataclasses.dataclass
class Results:
    items: list
    count: int
    more: bool  # more matches than the candidates: only those are shown
    page: int = 1  # the page of results given (the last one when asked for one beyond)


def clean_words(raw, max_length=200):
    """The query's words as typed (marks kept, case folded), without search syntax:
    letters, digits and the ``/ . -`` inside document numbers like ``125/QĐ-SVHTTDL``.
    Text typed with combining marks (some keyboards, text pasted from PDF files) is
    composed first, so "ễ" is one letter whichever way it was typed."""
    text = unicodedata.normalize("NFC", raw[: max_length * 4]).translate(INVISIBLE)
    text = NON_WORD.sub(" ", text.replace("\x00", " "))
    return text[:max_length].lower().split()[:MAX_WORDS]


def _exact_pattern(word):
    return r"\m" + re.escape(word) + r"\M"


def _filters(query, root_path):
    """SQL conditions on the page ``p``, and their values."""
    conditions = ["p.live", "p.path LIKE %(root)s", "p.content_type_id = ANY(%(types)s)"]
    params = {
        "root": f"{root_path}%",
        "types": content_type_ids(query.kinds or tuple(KINDS)),
    }
    restricted = restricted_paths()
    if restricted:
        conditions.append("NOT p.path LIKE ANY(%(restricted)s)")
        params["restricted"] = [f"{path}%" for path in restricted]
    if query.unit_path:
        conditions.append("p.path LIKE %(unit)s")
        params["unit"] = f"{query.unit_path}%"
    # Days as the portal counts them (Asia/Ho_Chi_Minh), not as UTC does.
    if query.date_from:
        conditions.append("p.first_published_at >= %(date_from)s")
        params["date_from"] = _start_of(query.date_from)
    if query.date_to:
        conditions.append("p.first_published_at < %(date_to)s")
        params["date_to"] = _start_of(query.date_to + datetime.timedelta(days=1))
    return " AND ".join(conditions), params


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# An entry's page, by key. Entries of other models may have keys that are not numbers;
# those are never cast.
ENTRY_PAGE = (
    "p.id = (CASE WHEN e.object_id ~ '^[0-9]+$' AND length(e.object_id) < 10"
    " THEN e.object_id::integer END)"
)

# The planner's estimate of the matching entries, from the index's word statistics.
ESTIMATE_SQL = """
EXPLAIN (FORMAT JSON) SELECT 1 FROM wagtailsearch_indexentry e
WHERE (e.title || e.body) @@ plainto_tsquery('govcms_vi', %(text)s)
"""

# Few matches: all of them, in the RUM index's order (or by date), the best CANDIDATES.
MATCHES_SQL = f"""
SELECT e.id, p.id, p.first_published_at
FROM wagtailsearch_indexentry e
JOIN wagtailcore_page p ON {ENTRY_PAGE}
WHERE (e.title || e.body) @@ plainto_tsquery('govcms_vi', %(text)s)
  AND e.content_type_id = ANY(%(types)s) AND {{filters}}
ORDER BY {{order}}
LIMIT %(candidates)s + 1
"""
RUM_ORDER = "(e.title || e.body) <=> plainto_tsquery('govcms_vi', %(text)s)"
# Without the RUM index (a server without postgresql-NN-rum): ts_rank over every match.
TS_RANK_ORDER = "ts_rank(e.title || e.body, plainto_tsquery('govcms_vi', %(text)s)) DESC"
DATE_ORDER = "p.first_published_at DESC NULLS LAST, p.id DESC"

# Many matches: the best title matches, newest first among equals, unless titles hold
# the words too often to rank (then the newest pages below hold title matches enough).
TITLE_SQL = f"""
WITH titles AS MATERIALIZED (
    SELECT e.id, e.object_id, ts_rank(e.title, plainto_tsquery('govcms_vi', %(text)s)) AS rank
    FROM wagtailsearch_indexentry e
    WHERE e.title @@ plainto_tsquery('govcms_vi', %(text)s)
      AND e.content_type_id = ANY(%(types)s)
    LIMIT %(dense_titles)s + 1
)
SELECT e.id, p.id, p.first_published_at
FROM titles e
JOIN wagtailcore_page p ON {ENTRY_PAGE}
WHERE (SELECT count(*) FROM titles) <= %(dense_titles)s AND {{filters}}
ORDER BY e.rank DESC, p.first_published_at DESC NULLS LAST, p.id DESC
LIMIT %(title_candidates)s
"""

# Many matches: the newest pages, a window at a time, each with its entry if it matches.
# (Pages live without ever being published have no date and are left to the other way.)
WINDOW_SQL = """
SELECT matching.id, w.id, w.first_published_at
FROM (
    SELECT p.id, p.content_type_id, p.first_published_at
    FROM wagtailcore_page p
    WHERE {filters} AND p.first_published_at IS NOT NULL
      AND (p.first_published_at, p.id) < (%(before)s, %(before_id)s)
    ORDER BY p.first_published_at DESC, p.id DESC
    LIMIT %(window)s
) AS w
-- LATERAL: each page looks its entry up by key, never a scan of every match.
LEFT JOIN LATERAL (
    SELECT e.id FROM wagtailsearch_indexentry e
    WHERE e.content_type_id = w.content_type_id AND e.object_id = w.id::text
      -- The body alone usually holds common words: spares joining the two vectors.
      AND (e.body @@ plainto_tsquery('govcms_vi', %(text)s)
           OR (e.title || e.body) @@ plainto_tsquery('govcms_vi', %(text)s))
    LIMIT 1
) AS matching ON TRUE
ORDER BY w.first_published_at DESC, w.id DESC
"""

# One page of the candidates, in the reader's order, with its snippets. (The two
# characters that mark matches are taken out of the text first.)
PAGE_SQL = """
WITH candidates AS (
    SELECT c.entry_id, c.page_id, c.published
    FROM unnest(%(entries)s::integer[], %(pages)s::integer[], %(published)s::timestamptz[])
         AS c(entry_id, page_id, published)
), scored AS (
    SELECT c.*, e.title_text, e.body_text,
           (SELECT count(*) FROM unnest(%(exact)s::text[]) AS w WHERE lowered.text ~ w) AS exact,
           e.title @@ plainto_tsquery('govcms_vi', %(text)s) AS in_title,
           (e.title || e.body) @@ phraseto_tsquery('govcms_vi', %(text)s) AS phrase,
           floor(ln(greatest({distance}, 0.001)) / ln(1.5)) AS closeness
    FROM candidates c
    JOIN wagtailsearch_indexentry e ON e.id = c.entry_id
    CROSS JOIN LATERAL (SELECT lower(e.title_text || ' ' || e.body_text) AS text) AS lowered
), shown AS (
    SELECT * FROM scored
    ORDER BY {order}
    LIMIT %(limit)s OFFSET %(offset)s
)
SELECT page_id,
       ts_headline('govcms_vi', translate(title_text, %(marks)s, ''),
                   plainto_tsquery('govcms_vi', %(text)s), %(title_options)s),
       ts_headline('govcms_vi', translate(body_text, %(marks)s, ''),
                   plainto_tsquery('govcms_vi', %(text)s), %(options)s)
FROM shown
ORDER BY {order}
"""
RUM_DISTANCE = "(e.title || e.body) <=> plainto_tsquery('govcms_vi', %(text)s)"
TS_RANK_DISTANCE = (
    "1 / (ts_rank(e.title || e.body, plainto_tsquery('govcms_vi', %(text)s)) + 0.001)"
)
# Rule by rule (docs/search.md): marks as typed, title, phrase, the index's ranking in
# coarse steps, then the newest.
RELEVANCE = (
    "exact DESC, in_title DESC, phrase DESC, closeness ASC, published DESC NULLS LAST, page_id DESC"
)
NEWEST = "published DESC NULLS LAST, page_id DESC"

# Suggestions: the newest titles holding the words typed, the last one as a prefix. The
# newest pages are read first (common words are found there at once); only when they
# hold too few is the index asked for every match (then there are few).
SUGGEST_FEW_SQL = f"""
SELECT p.title
FROM wagtailsearch_indexentry e
JOIN wagtailcore_page p ON {ENTRY_PAGE}
WHERE e.autocomplete @@ to_tsquery('govcms_vi', %(prefix)s)
  AND e.content_type_id = ANY(%(types)s) AND {{filters}}
ORDER BY p.first_published_at DESC NULLS LAST, p.id DESC
LIMIT %(limit)s
"""
SUGGEST_MANY_SQL = """
SELECT w.title
FROM (
    SELECT p.id, p.content_type_id, p.title, p.first_published_at
    FROM wagtailcore_page p
    WHERE {filters} AND p.first_published_at IS NOT NULL
    ORDER BY p.first_published_at DESC, p.id DESC
    LIMIT %(window)s
) AS w
-- LATERAL: each page looks its entry up by key, never a scan of every matching title.
CROSS JOIN LATERAL (
    SELECT 1 FROM wagtailsearch_indexentry e
    WHERE e.content_type_id = w.content_type_id AND e.object_id = w.id::text
      AND e.autocomplete @@ to_tsquery('govcms_vi', %(prefix)s)
    LIMIT 1
) AS matching
ORDER BY w.first_published_at DESC, w.id DESC
LIMIT %(limit)s
"""


def marked(text):
    """``text`` from ts_headline, escaped, with its match markers turned into <mark>."""
    if not text:
        return ""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 (escaped above; only our own tags added)


class _Budget:
    """Runs a search's statements, each with what is left of SEARCH_SECONDS."""

    def __init__(self, cursor):
        self.cursor = cursor
        self.deadline = time.monotonic() + SEARCH_SECONDS

    def run(self, sql, params):
        left_ms = int((self.deadline - time.monotonic()) * 1000)
        if left_ms <= 0:
            raise SearchTimeout
        # One round trip: the timeout (an integer of ours), then the statement.
        self.cursor.execute(f"SET LOCAL statement_timeout = {left_ms}; {sql}", params)
        return self.cursor.fetchall()


@contextlib.contextmanager
def _time_limited():
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            yield _Budget(cursor)
    except OperationalError as error:
        cause = error.__cause__
        code = getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)
        if code == QUERY_CANCELED:
            raise SearchTimeout from error
        raise


def rank_index_exists(budget):
    """Whether the RUM index of migration 0003 is there (read once per process)."""
    if _RANK_INDEX.get(connection.alias) is None:
        rows = budget.run("SELECT 1 FROM pg_indexes WHERE indexname = 'search_entry_rank'", {})
        _RANK_INDEX[connection.alias] = bool(rows)
    return _RANK_INDEX[connection.alias]


def _estimate(budget, text):
    plan = budget.run(ESTIMATE_SQL, {"text": text})[0][0]
    return plan[0]["Plan"]["Plan Rows"]


def _candidates(budget, query, filters, params, ranked):
    """The entries worth ordering, as (entry id, page id, published) rows, and whether
    there are more matches than these."""
    if _estimate(budget, params["text"]) <= DENSE_MATCHES:
        ranking = RUM_ORDER if ranked else TS_RANK_ORDER
        order = DATE_ORDER if query.by_date else ranking
        rows = budget.run(MATCHES_SQL.format(filters=filters, order=order), params)
        return rows[:CANDIDATES], len(rows) > CANDIDATES
    # Words this common match most pages: walk the newest pages instead of ranking all,
    # with the best title matches (when titles hold them seldom enough to rank).
    rows = []
    if not query.by_date:
        rows = budget.run(
            TITLE_SQL.format(filters=filters),
            {**params, "title_candidates": TITLE_CANDIDATES, "dense_titles": DENSE_TITLE_MATCHES},
        )
    seen = {row[0] for row in rows}
    wanted = CANDIDATES - len(rows)
    newest = []
    before, before_id = datetime.datetime.max.replace(tzinfo=datetime.UTC), 2**31 - 1
    for _window in range(MAX_WINDOWS):
        window = budget.run(
            WINDOW_SQL.format(filters=filters),
            {**params, "before": before, "before_id": before_id, "window": WINDOW},
        )
        newest.extend(row for row in window if row[0] is not None and row[0] not in seen)
        if len(newest) > wanted:
            return rows + newest[:wanted], True
        if len(window) < WINDOW:
            return rows + newest, False  # every page seen
        _entry, before_id, before = window[-1]
    return rows + newest, True


def search(query, root_path, page=1, per_page=RESULTS_PER_PAGE):
    """One page of results for ``query`` under the site's root, best or newest first.
    A page beyond the last gives the last."""
    words = clean_words(query.text)
    if not words:
        return Results([], 0, False)
    if connection.vendor != "postgresql":
        return _search_elsewhere(query, words, root_path, page, per_page)

    text = " ".join(words)
    filters, params = _filters(query, root_path)
    params.update(text=text, candidates=CANDIDATES)
    with _time_limited() as budget:
        ranked = rank_index_exists(budget)
        rows, more = _candidates(budget, query, filters, params, ranked)
        if not rows:
            return Results([], 0, False)
        page = min(max(page, 1), math.ceil(len(rows) / per_page))
        shown = budget.run(
            PAGE_SQL.format(
                order=NEWEST if query.by_date else RELEVANCE,
                distance=RUM_DISTANCE if ranked else TS_RANK_DISTANCE,
            ),
            {
                "text": text,
                "entries": [row[0] for row in rows],
                "pages": [row[1] for row in rows],
                "published": [row[2] for row in rows],
                "exact": [_exact_pattern(word) for word in words],
                "limit": per_page,
                "offset": (page - 1) * per_page,
                "marks": MARK_START + MARK_END,
                "options": HEADLINE_OPTIONS,
                "title_options": TITLE_HEADLINE_OPTIONS,
            },
        )
    pages = Page.objects.filter(pk__in=[row[0] for row in shown]).specific().in_bulk()
    items = [
        Result(
            page=pages[page_id],
            title=marked(title) or pages[page_id].title,
            snippet=marked(snippet),
            date=getattr(pages[page_id], "date", None) or pages[page_id].first_published_at,
        )
        for page_id, title, snippet in shown
        if page_id in pages
    ]
    return Results(items, len(rows), more, page)


def suggest(text, root_path, limit=SUGGESTIONS):
    """Titles of live, public pages holding the words typed so far, the last one possibly
    unfinished; the newest first, each title once."""
    words = clean_words(text, max_length=100)
    if not words or connection.vendor != "postgresql":
        return []
    lexemes = [word for word in (re.sub(r"[^\w]", "", word) for word in words) if word]
    if not lexemes:
        return []
    prefix = " & ".join([*(f"'{word}'" for word in lexemes[:-1]), f"'{lexemes[-1]}':*"])
    filters, params = _filters(Query(text=text), root_path)
    params.update(prefix=prefix, limit=limit * 5, window=SUGGEST_WINDOW)
    with _time_limited() as budget:
        titles = [t for (t,) in budget.run(SUGGEST_MANY_SQL.format(filters=filters), params)]
        if len(set(titles)) < limit:
            titles = [t for (t,) in budget.run(SUGGEST_FEW_SQL.format(filters=filters), params)]
    return list(dict.fromkeys(titles))[:limit]


def _search_elsewhere(query, words, root_path, page, per_page):
    pages = Page.objects.live().public().filter(path__startswith=root_path)
    pages = pages.filter(content_type_id__in=content_type_ids(query.kinds or tuple(KINDS)))
    if query.unit_path:
        pages = pages.filter(path__startswith=query.unit_path)
    if query.date_from:
        pages = pages.filter(first_published_at__gte=_start_of(query.date_from))
    if query.date_to:
        day_after = query.date_to + datetime.timedelta(days=1)
        pages = pages.filter(first_published_at__lt=_start_of(day_after))
    if query.by_date:
        pages = pages.order_by("-first_published_at", "-pk")
    found = list(
        pages.search(" ".join(words), operator="and", order_by_relevance=not query.by_date)[
            : CANDIDATES + 1
        ]
    )
    more, found = len(found) > CANDIDATES, found[:CANDIDATES]
    if not found:
        return Results([], 0, False)
    page = min(max(page, 1), math.ceil(len(found) / per_page))
    shown = found[(page - 1) * per_page : page * per_page]
    specific = Page.objects.filter(pk__in=[p.pk for p in shown]).specific().in_bulk()
    items = [
        Result(
            page=specific[p.pk],
            title=specific[p.pk].title,
            snippet=escape(specific[p.pk].search_description),
            date=getattr(specific[p.pk], "date", None) or p.first_published_at,
        )
        for p in shown
        if p.pk in specific
    ]
    return Results(items, len(found), more, page)
