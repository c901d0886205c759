"""The admin's page listings at a cost that does not grow with their rows.

Wagtail's explorer annotates its rows with what their status and buttons ask (workflow
states, approved schedules); its page chooser does not, so each row of the chooser read
its scheduled revision, its workflow state and its parent page (for the chosen link's
``data-parent-id``): three queries a row. In both, each row's URL read the sites' root
paths from the shared cache again (a round trip to Redis a row).

The hooks that narrow these listings' querysets (``construct_explorer_page_queryset``,
``construct_page_chooser_queryset``) hand them to the functions below, which ask for the
same facts once for all the rows of a screen.
"""

from wagtail.models import Page, Site
from wagtail.query import SpecificIterable


class ListingRowsIterable(SpecificIterable):
    """Specific pages, all given one read of the sites' root paths, which Wagtail keeps
    on each page it builds a URL for (``Page._get_site_root_paths``).

    A screen of a listing reads the ids of its rows first, then those rows with their
    annotations (status, locales, site roots): read in one query with an offset, the
    annotations were computed for every row skipped too (5,000 on the 100th screen), as
    the public news lists once did (news.queries.NewsPaginator)."""

    def __iter__(self):
        pages = self._screen() if self.queryset.query.is_sliced else None
        if pages is None:
            pages = list(super().__iter__())
        if pages:
            root_paths = Site.get_site_root_paths()
            for page in pages:
                page._wagtail_cached_site_root_paths = root_paths
        yield from pages

    def _screen(self):
        ids = list(self.queryset.values_list("pk", flat=True))
        rows = self.queryset._chain()
        rows.query.clear_limits()
        rows = rows.order_by().filter(pk__in=ids)
        by_id = {page.pk: page for page in SpecificIterable(rows)}
        return [by_id[pk] for pk in ids if pk in by_id]


class ChooserRowsIterable(ListingRowsIterable):
    """The same, each page also with its parent page cached as treebeard's ``get_parent``
    keeps it: one query for the parents of every row."""

    def __iter__(self):
        pages = list(super().__iter__())
        parent_paths = {page.path[: -Page.steplen] for page in pages if page.depth > 1}
        parents = {parent.path: parent for parent in Page.objects.filter(path__in=parent_paths)}
        for page in pages:
            parent = parents.get(page.path[: -Page.steplen])
            if parent is not None:
                page._cached_parent_obj = parent
        yield from pages


def _is_specific_queryset(pages):
    # The listings' searches hand the hooks querysets that they turn into search results
    # afterwards (or generic ones, in the chooser): those are left as they are.
    return getattr(pages, "_iterable_class", None) is SpecificIterable


def explorer_rows(pages):
    """The explorer's queryset, its rows sharing one read of the sites' root paths."""
    if _is_specific_queryset(pages):
        pages = pages._chain()
        pages._iterable_class = ListingRowsIterable
    return pages


def chooser_rows(pages):
    """The page chooser's browsing queryset with what its rows show read in a fixed
    number of queries: the explorer's annotations, and the rows' parents at once."""
    if not _is_specific_queryset(pages):
        return pages
    pages = pages.annotate_approved_schedule().prefetch_workflow_states()
    pages._iterable_class = ChooserRowsIterable
    return pages
