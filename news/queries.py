"""Queries of the public news pages, shared by the page types, feeds and search."""

from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import RowNumber, Substr

from .models import NewsPage


def public_news():
    """Live, public articles, newest first, with what a news list shows."""
    return (
        NewsPage.objects.live().public().select_related("featured_image").order_by("-date", "-pk")
    )


def attach_units(news_items, units):
    """Set ``unit_page`` on each article from the given units, not a query per article."""
    news_items = list(news_items)
    for item in news_items:
        item.unit_page = next((u for u in units if item.path.startswith(u.path)), None)
    return news_items


def latest_news_by_unit(units, per_unit):
    """The ``per_unit`` newest articles of each unit, in at most two queries.

    Where the database can combine sliced queries (PostgreSQL), each unit's newest
    articles come from the date index with a UNION ALL; elsewhere a window function ranks
    all articles at once, which is fine for an embedded database's sizes.
    """
    units = list(units)
    if not units:
        return {}
    if connection.features.supports_slicing_ordering_in_compound:
        newest = [
            public_news().filter(path__startswith=unit.path).values_list("pk", flat=True)[:per_unit]
            for unit in units
        ]
        ids = list(newest[0].union(*newest[1:], all=True))
        items = public_news().filter(pk__in=ids)
        return {
            unit.pk: [item for item in items if item.path.startswith(unit.path)][:per_unit]
            for unit in units
        }
    prefix_length = len(units[0].path)
    ranked = (
        public_news()
        .filter(path__startswith=units[0].path[: prefix_length - NewsPage.steplen])
        .annotate(
            unit_path=Substr("path", 1, prefix_length),
            rank=Window(
                RowNumber(),
                partition_by=[Substr("path", 1, prefix_length)],
                order_by=[F("date").desc(), F("pk").desc()],
            ),
        )
        .filter(rank__lte=per_unit)
    )
    by_path = {unit.path: [] for unit in units}
    for item in ranked:
        if item.unit_path in by_path:
            by_path[item.unit_path].append(item)
    return {unit.pk: by_path[unit.path] for unit in units}
