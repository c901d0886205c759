"""The queries of the public news pages: ``NewsPage.objects.public_news()`` and
``NewsPage.objects.latest_by_unit()``, shared by the page types, feeds and search.

Every list reads the articles' listing columns (``listed``, ``news_index``,
``department``: news/placement.py keeps them true), each backed by a partial index ordered
newest first, so a list costs the ten rows it shows, however many articles there are.
"""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import RowNumber

from govcms.pages import PortalPageManager, PortalPageQuerySet


def attach_units(news_items, units):
    """Set ``unit_page`` on each article from the given units, not a query per article."""
    by_id = {unit.pk: unit for unit in units}
    news_items = list(news_items)
    for item in news_items:
        item.unit_page = by_id.get(item.department_id)
    return news_items


NEWEST_PER_UNIT_SQL = """
    SELECT newest.page_ptr_id
    FROM unnest(%s::integer[]) AS unit(id)
    CROSS JOIN LATERAL (
        SELECT page_ptr_id FROM news_newspage
        WHERE listed AND department_id = unit.id
        ORDER BY date DESC, page_ptr_id DESC
        LIMIT %s
    ) AS newest
"""


class NewsPageQuerySet(PortalPageQuerySet):
    def public_news(self):
        """Live, public articles, newest first, with what a news list shows."""
        return (
            self.filter(listed=True)
            .defer_streamfields()  # lists show the summary, never the body
            .select_related("featured_image")
            .order_by("-date", "-pk")
        )


class NewsPageManager(PortalPageManager.from_queryset(NewsPageQuerySet)):
    def latest_by_unit(self, units, per_unit):
        """The ``per_unit`` newest articles of each unit, in at most two queries.

        On PostgreSQL a LATERAL join reads each unit's newest rows from its own range of
        the listing index (a UNION of one sliced query per unit costs as much again in
        building the SQL); elsewhere a window function ranks all articles at once, which
        is fine for an embedded database's sizes.
        """
        units = list(units)
        if not units:
            return {}
        by_unit = {unit.pk: [] for unit in units}
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(NEWEST_PER_UNIT_SQL, [[unit.pk for unit in units], per_unit])
                ids = [row[0] for row in cursor.fetchall()]
            items = self.public_news().filter(pk__in=ids)
        else:
            items = (
                self.public_news()
                .filter(department__in=units)
                .annotate(
                    rank=Window(
                        RowNumber(),
                        partition_by=[F("department")],
                        order_by=[F("date").desc(), F("pk").desc()],
                    )
                )
                .filter(rank__lte=per_unit)
            )
        for item in items:
            by_unit[item.department_id].append(item)
        return by_unit


class NewsPaginator(Paginator):
    """Pages through a list of articles without joining the rows it skips.

    A deep page (page 1,001 of a unit's news, say) first reads only the ids of its rows,
    from the listing index, and then loads those ten articles; a plain OFFSET would load
    and join the ten thousand rows before them as well.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        loaded = {item.pk: item for item in self.object_list.filter(pk__in=ids).order_by()}
        return PaginatorPage([loaded[pk] for pk in ids if pk in loaded], number, self)
