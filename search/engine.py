"""The portal's public search: matching, ranking, filters, snippets and suggestions.

Every page's words live once, in Wagtail's search index (``wagtailsearch_indexentry``),
folded by the ``govcms_vi`` configuration (search/backend.py). On PostgreSQL a search
runs in two steps:

1. **Candidates.** The RUM index returns the matching entries already ordered by its
   ranking (``vector <=> query``: word weights, title above body, words close together
   above words far apart), filtered to live, public pages of the chosen units, kinds and
   dates. Only the first ``CANDIDATES`` are kept, however common the words.
2. **Order.** Those few are ordered as a reader expects: words typed with their marks
   found as typed, then all words in the title, then the words as a phrase, then the
   index's ranking in coarse steps, and the newest first among equals.

Sorting by date reads all matching pages newest first instead. Each result carries a
snippet of its text with the matched words marked, escaped here. A statement timeout
bounds every query (``SearchTimeout``).

Other databases (SQLite for a first local run) get Wagtail's own search, unranked beyond
what it does, with the same filters.
"""

import contextlib
import dataclasses
import datetime
import re
import time

from django.db import OperationalError, connection, transaction
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page

from govcms.pages import restricted_paths

from .kinds import KINDS, content_type_ids

# How many of the best matches are ordered and paged through (20 pages of 10).
CANDIDATES = 200
MAX_WORDS = 12
# A search that takes longer than this is stopped and the reader asked to be more precise.
STATEMENT_TIMEOUT_MS = 3000
SUGGESTIONS = 8
# Suggestions look for titles among the newest SUGGEST_WINDOW pages first.
SUGGEST_WINDOW = 2_000
# Above this many estimated matches, the candidates are the newest matching pages, found
# WINDOW pages at a time (at most MAX_WINDOWS), rather than the best of all matches.
DENSE_MATCHES = 10_000
DENSE_CANDIDATES = 200
TITLE_CANDIDATES = 100
DENSE_TITLE_MATCHES = 3_000
WINDOW = 1_000
MAX_WINDOWS = 20
MARK_START, MARK_END = "\x02", "\x03"
_RANK_INDEX = {}
QUERY_CANCELED = "57014"
# The newest-pages walk stops looking after this long and shows what it found.
WINDOWS_SECONDS = 1.0
TITLE_HEADLINE_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12,"
    ' MaxFragments=2, FragmentDelimiter=" … "'
)
NON_WORD = re.compile(r"[^\w/.-]+|(?<!\w)[/.-]+|[/.-]+(?!\w)")


class SearchTimeout(Exception):
    """The database gave up on a search after STATEMENT_TIMEOUT_MS."""


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
    more: bool  # more matches than CANDIDATES: only the best are shown


def clean_words(raw, max_length=200):
    """The query's words as typed (marks kept, case folded), without search syntax:
    letters, digits and the ``/ . -`` inside document numbers like ``125/QĐ-SVHTTDL``."""
    text = NON_WORD.sub(" ", raw[: max_length * 4].replace("\x00", " "))
    return text[:max_length].lower().split()[:MAX_WORDS]


def rank_index_exists(cursor):
    """Whether the RUM index of migration 0003 is there (read once per process)."""
    if _RANK_INDEX.get(connection.alias) is None:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'search_entry_rank'")
        _RANK_INDEX[connection.alias] = cursor.fetchone() is not None
    return _RANK_INDEX[connection.alias]


def _filters(query, root_path):
    """SQL conditions on the page ``p``, and their values."""
    conditions = [
        "p.live",
        "p.path LIKE %(root)s",
        "p.content_type_id = ANY(%(types)s)",
    ]
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
    if query.date_from:
        conditions.append("p.first_published_at >= %(date_from)s")
        params["date_from"] = datetime.datetime.combine(query.date_from, datetime.time.min)
    if query.date_to:
        conditions.append("p.first_published_at < %(date_to)s")
        params["date_to"] = datetime.datetime.combine(
            query.date_to + datetime.timedelta(days=1), datetime.time.min
        )
    return " AND ".join(conditions), params


def _exact_pattern(word):
    return r"\m" + re.escape(word) + r"\M"


# The planner's estimate of the matching entries, from the index's word statistics.
ESTIMATE_SQL = """
EXPLAIN (FORMAT JSON) SELECT 1 FROM wagtailsearch_indexentry e
WHERE (e.title || e.body) @@ plainto_tsquery('govcms_vi', %(text)s)
"""

# Few matches: all of them, in the RUM index's order (or by date), the best CANDIDATES.
MATCHES_SQL = """
SELECT e.id, p.id, p.first_published_at
FROM wagtailsearch_indexentry e
JOIN wagtailcore_page p ON p.id = e.object_id::integer
WHERE (e.title || e.body) @@ plainto_tsquery('govcms_vi', %(text)s)
  AND e.content_type_id = ANY(%(types)s) AND {filters}
ORDER BY {order}
LIMIT %(candidates)s
"""
RUM_ORDER = "(e.title || e.body) <=> plainto_tsquery('govcms_vi', %(text)s)"
# Without the RUM index (a server without postgresql-NN-rum): ts_rank over every match.
TS_RANK_ORDER = "ts_rank(e.title || e.body, plainto_tsquery('govcms_vi', %(text)s)) DESC"
DATE_ORDER = "p.first_published_at DESC NULLS LAST, p.id DESC"

# Many matches: the best title matches, newest first among equals, unless titles hold
# the words too often to rank (then the newest pages below hold title matches enough).
TITLE_SQL = """
WITH titles AS MATERIALIZED (
    SELECT e.id, e.object_id, ts_rank(e.title, plainto_tsquery('govcms_vi', %(text)s)) AS rank
    FROM wagtailsearch_indexentry e
    WHERE e.title @@ plainto_tsquery('govcms_vi', %(text)s)
      AND e.content_type_id = ANY(%(types)s)
    LIMIT %(dense_titles)s + 1
)
SELECT t.id, p.id, p.first_published_at
FROM titles t
JOIN wagtailcore_page p ON p.id = t.object_id::integer
WHERE (SELECT count(*) FROM titles) <= %(dense_titles)s AND {filters}
ORDER BY t.rank DESC, p.first_published_at DESC NULLS LAST, p.id DESC
LIMIT %(title_candidates)s
"""

# Many matches: the newest pages, a window at a time, each with its entry if it matches.
WINDOW_SQL = """
SELECT matching.id, w.id, w.first_published_at
FROM (
    SELECT p.id, p.content_type_id, p.first_published_at
    FROM wagtailcore_page p
    WHERE {filters} AND (p.first_published_at, p.id) < (%(before)s, %(before_id)s)
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

# One page of the candidates, in the reader's order, with its snippets.
PAGE_SQL = """
WITH candidates AS (
    SELECT c.entry_id, c.page_id, c.published, c.position
    FROM unnest(%(entries)s::integer[], %(pages)s::integer[], %(published)s::timestamptz[])
         WITH ORDINALITY AS c(entry_id, page_id, published, position)
), scored AS (
    SELECT c.*, e.title_text, e.body_text,
           (SELECT count(*) FROM unnest(%(exact)s::text[]) AS w
             WHERE lower(e.title_text || ' ' || e.body_text) ~ w) AS exact,
           e.title @@ plainto_tsquery('govcms_vi', %(text)s) AS in_title,
           (e.title || e.body) @@ phraseto_tsquery('govcms_vi', %(text)s) AS phrase,
           floor(ln(greatest((e.title || e.body) <=> plainto_tsquery('govcms_vi', %(text)s),
                             0.001)) / ln(1.5)) AS closeness
    FROM candidates c JOIN wagtailsearch_indexentry e ON e.id = c.entry_id
), shown AS (
    SELECT * FROM scored
    ORDER BY {order}
    LIMIT %(limit)s OFFSET %(offset)s
)
SELECT page_id,
       ts_headline('govcms_vi', title_text, plainto_tsquery('govcms_vi', %(text)s),
                   %(title_options)s),
       ts_headline('govcms_vi', body_text, plainto_tsquery('govcms_vi', %(text)s),
                   %(options)s)
FROM shown
ORDER BY {order}
"""
# Rule by rule (docs/search.md): marks as typed, title, phrase, the index's ranking in
# coarse steps, then the newest.
RELEVANCE = (
    "exact DESC, in_title DESC, phrase DESC, closeness ASC, published DESC NULLS LAST, page_id DESC"
)
NEWEST = "published DESC NULLS LAST, page_id DESC"

# Suggestions: the newest titles holding the words typed, the last one as a prefix. The
# newest pages are read first (common words are found there at once); only when they
# hold too few is the index asked for every match (then there are few).
SUGGEST_FEW_SQL = """
SELECT p.title
FROM wagtailsearch_indexentry e
JOIN wagtailcore_page p ON p.id = e.object_id::integer
WHERE e.autocomplete @@ to_tsquery('govcms_vi', %(prefix)s)
  AND e.content_type_id = ANY(%(types)s) AND {filters}
ORDER BY p.first_published_at DESC NULLS LAST, p.id DESC
LIMIT %(limit)s
"""
SUGGEST_MANY_SQL = """
SELECT w.title
FROM (
    SELECT p.id, p.content_type_id, p.title, p.first_published_at
    FROM wagtailcore_page p
    WHERE {filters}
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


@contextlib.contextmanager
def _time_limited():
    """A cursor whose every statement stops after STATEMENT_TIMEOUT_MS: SearchTimeout."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = %s", [STATEMENT_TIMEOUT_MS])
            yield cursor
    except OperationalError as error:
        if getattr(error.__cause__, "pgcode", None) == QUERY_CANCELED:
            raise SearchTimeout from error
        raise


def _run(cursor, sql, params):
    cursor.execute(sql, params)
    return cursor.fetchall()


def _estimate(cursor, sql, text):
    plan = _run(cursor, sql, {"text": text})[0][0]
    return plan[0]["Plan"]["Plan Rows"]


def _candidates(cursor, query, filters, params):
    """The entries worth ordering, as (entry id, page id, published) rows, and whether
    there are more matches than these."""
    if _estimate(cursor, ESTIMATE_SQL, params["text"]) <= DENSE_MATCHES:
        if query.by_date:
            order = DATE_ORDER
        else:
            order = RUM_ORDER if rank_index_exists(cursor) else TS_RANK_ORDER
        rows = _run(cursor, MATCHES_SQL.format(filters=filters, order=order), params)
        return rows, len(rows) >= CANDIDATES
    # Words this common match most pages: walk the newest pages instead of ranking all,
    # with the best title matches (when titles hold them seldom enough to rank).
    rows = _run(
        cursor,
        TITLE_SQL.format(filters=filters),
        {**params, "title_candidates": TITLE_CANDIDATES, "dense_titles": DENSE_TITLE_MATCHES},
    )
    seen = {row[0] for row in rows}
    wanted = DENSE_CANDIDATES + len(rows)
    before, before_id = datetime.datetime.max.replace(tzinfo=datetime.UTC), 2**31 - 1
    started = time.monotonic()
    for _window in range(MAX_WINDOWS):
        window = _run(
            cursor,
            WINDOW_SQL.format(filters=filters),
            {**params, "before": before, "before_id": before_id, "window": WINDOW},
        )
        matching = [row for row in window if row[0] is not None and row[0] not in seen]
        rows.extend(matching[: wanted - len(rows)])
        if len(rows) >= wanted:
            return rows, True
        if len(window) < WINDOW:
            return rows, False  # every page seen
        if time.monotonic() - started > WINDOWS_SECONDS:
            break
        _entry, before_id, before = window[-1]
    return rows, True


def search(query, root_path, offset=0, limit=10):
    """One page of results for ``query`` under the site's root, best or newest first."""
    words = clean_words(query.text)
    if not words:
        return Results([], 0, False)
    if connection.vendor != "postgresql":
        return _search_elsewhere(query, words, root_path, offset, limit)

    text = " ".join(words)
    filters, params = _filters(query, root_path)
    params.update(text=text, candidates=CANDIDATES)
    with _time_limited() as cursor:
        rows, more = _candidates(cursor, query, filters, params)
        if not rows:
            return Results([], 0, False)
        shown = _run(
            cursor,
            PAGE_SQL.format(order=NEWEST if query.by_date else RELEVANCE),
            {
                "text": text,
                "entries": [row[0] for row in rows],
                "pages": [row[1] for row in rows],
                "published": [row[2] for row in rows],
                "exact": [_exact_pattern(word) for word in words],
                "limit": limit,
                "offset": offset,
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
    return Results(items, len(rows), more)


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
    with _time_limited() as cursor:
        titles = [t for (t,) in _run(cursor, SUGGEST_MANY_SQL.format(filters=filters), params)]
        if len(set(titles)) < limit:
            titles = [t for (t,) in _run(cursor, SUGGEST_FEW_SQL.format(filters=filters), params)]
    return list(dict.fromkeys(titles))[:limit]


def _search_elsewhere(query, words, root_path, offset, limit):
    pages = Page.objects.live().public().filter(path__startswith=root_path)
    pages = pages.filter(content_type_id__in=content_type_ids(query.kinds or tuple(KINDS)))
    if query.unit_path:
        pages = pages.filter(path__startswith=query.unit_path)
    if query.date_from:
        pages = pages.filter(first_published_at__date__gte=query.date_from)
    if query.date_to:
        pages = pages.filter(first_published_at__date__lte=query.date_to)
    if query.by_date:
        pages = pages.order_by("-first_published_at", "-pk")
    found = list(
        pages.search(" ".join(words), operator="and", order_by_relevance=not query.by_date)[
            :CANDIDATES
        ]
    )
    specific = Page.objects.filter(pk__in=[p.pk for p in found]).specific().in_bulk()
    items = [
        Result(
            page=specific[p.pk],
            title=specific[p.pk].title,
            snippet=escape(specific[p.pk].search_description),
            date=getattr(specific[p.pk], "date", None) or p.first_published_at,
        )
        for p in found[offset : offset + limit]
        if p.pk in specific
    ]
    return Results(items, len(found), len(found) >= CANDIDATES)
