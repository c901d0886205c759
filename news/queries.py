"""Queries of the public news pages, shared by the page types, feeds and search."""

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
    """The ``per_unit`` newest articles of each unit, in one query (a window function)."""
    units = list(units)
    if not units:
        return {}
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
