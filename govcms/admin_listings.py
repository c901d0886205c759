"""The admin's page listings at a cost that does not grow with their rows.

Wagtail's explorer annotates its rows with what their status and buttons ask (workflow
states, approved schedules); its page chooser does not, so each row of the chooser read
its scheduled revision, its workflow state and its parent page (for the chosen link's
``data-parent-id``): three queries a row. In both, each row's URL read the sites' root
paths from the shared cache again (a round trip to Redis a row).

The hooks that narrow these listings' querysets (``construct_explorer_page_queryset``,
``construct_page_chooser_queryset``) hand them to the functions below, which ask for the
same facts once for all the rows of a screen.

A list (news, documents, questions, a work schedule) is explored through its item type's
page viewset (``list_viewset``): 25 rows a screen in the items' own date order, counted in
the tree's index, without Wagtail's filter on every page the user may explore where it
cannot remove a row. Every row's "More" menu is drawn without the template engine
(``QuickButton``, through ``construct_page_listing_buttons``). docs/performance.md has
the figures.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.functional import cached_property, classproperty
from django.utils.html import conditional_escape, format_html
from django.utils.text import capfirst
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views.pages.listing import ExplorableIndexView, PageFilterSet, PageListingMixin
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets.button import BaseDropdownMenuButton, Button
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


# What makes a page explorable to a user in Wagtail (PagePermissionPolicy.explorable_instances):
# any of these rights on it or on a page above it.
EXPLORE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


def people_of(page):
    """Whoever can work on ``page``: the members of groups with rights on it or on a page
    above it, and the administrators, by name."""
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(groups__page_permissions__page__in=page.get_ancestors(inclusive=True))
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class ListFilterSet(PageFilterSet):
    """The explorer's filters for a list's articles (documents, answers, weeks).

    Wagtail offers as owners and editors everyone who ever owned or edited any page of the
    portal: two scans of every page and edit, on every screen, and every unit's people to
    any unit's staff. A list's filters offer the people who can work on the list; the
    listing of every page of the type (no list) offers people to administrators only. The
    site and "has child pages" filters say nothing of pages that have no children."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.filters["site"], self.filters["has_child_pages"]
        people = ("owner", "edited_by")
        if parent_page is not None:
            for name in people:
                self.filters[name].queryset = lambda request, page=parent_page: people_of(page)
        elif not (self.request and self.request.user.is_superuser):
            for name in people:
                del self.filters[name]


class ListExplorerView(ExplorableIndexView):
    """The explorer of a list page whose children are all of one type (news, documents,
    answers, weeks of a schedule), through Wagtail's page viewsets (``ListViewSet``).

    It shows the type's own date and orders by it, has no type or "children" column (the
    pages have neither), and counts and reads the screen without Wagtail's filter on the
    pages the user may explore where that filter cannot remove any: for an administrator,
    and for anyone with a right on the list or on a page above it (a unit's staff on their
    unit's lists), every child is explorable. That filter, a list of every page the user
    may explore, cost 40 ms on a list of 15,000 articles."""

    @cached_property
    def explorable_columns(self):
        return self.columns

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "parent_page": self.parent_page}

    @cached_property
    def explores_every_child(self):
        return self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, EXPLORE_ACTIONS, self.parent_page
        )

    def get_ordering(self):
        """Wagtail's, without an order the rows cannot take: a search sorts only by its
        index's filter fields (by relevance otherwise), and a search or filter over the
        whole tree reads pages of every type (Wagtail's default order then)."""
        ordering = super().get_ordering()
        if not isinstance(ordering, str) or ordering.lstrip("-") == self.sort_order_field:
            return ordering
        field = ordering.lstrip("-")
        model = Page if self.is_searching_whole_tree else self.model
        if self.is_searching:
            if field not in {f.field_name for f in model.get_filterable_search_fields()}:
                return None
        elif field not in {f.name for f in model._meta.get_fields()}:
            return Page.admin_default_ordering
        return ordering

    @cached_property
    def shows_every_child(self):
        return not (self.is_searching or self.is_filtering) and self.explores_every_child

    def get_base_queryset(self):
        if self.is_searching_whole_tree:
            # Every page of the portal the user may explore, of any type, as Wagtail's.
            explorable = self.permission_policy.explorable_instances(self.request.user)
            pages = Page.objects.filter(pk__in=explorable.values_list("pk", flat=True))
            return self.annotate_queryset(pages)
        if not self.shows_every_child:
            return super().get_base_queryset()
        pages = self.model._default_manager.child_of(self.parent_page)
        return self.annotate_queryset(pages)

    def order_queryset(self, queryset):
        """Wagtail's order, then the newest page first among pages of the same date, so
        that no page shows on two screens or none."""
        queryset = super().order_queryset(queryset)
        ordering = self.ordering
        if (
            not self.is_searching  # a search orders by what its index holds
            and isinstance(ordering, str)
            and ordering.lstrip("-") != self.sort_order_field
        ):
            queryset = queryset.order_by(*queryset.query.order_by, "-pk")
        return queryset

    def get_paginator(self, queryset, *args, **kwargs):
        """The screens are counted in the page tree's index alone: the list's children,
        all of its type (its ``subpage_types``), neither joined to the type's own table
        (a lookup a page: 50 ms for 15,000 articles) nor filtered by type (which
        PostgreSQL then reads by type, every article of the portal: 35 ms), but 3 ms."""
        paginator = super().get_paginator(queryset, *args, **kwargs)
        if self.shows_every_child:
            paginator.count = Page.objects.child_of(self.parent_page).count()
        return paginator


def list_columns(model, date_field):
    """The columns of a list's explorer: its pages' own date after the title."""
    by_name = {column.name: column for column in PageListingMixin.base_columns}
    label = model._meta.get_field(date_field).verbose_name
    return [
        by_name["bulk_actions"],
        by_name["title"],
        DateColumn(date_field, label=capfirst(label), sort_key=date_field, width="14%"),
        by_name["latest_revision_created_at"],
        by_name["status"],
    ]


class ListViewSet(PageViewSet):
    """Wagtail's views for the pages of a list, with the list's own explorer: set ``model``
    and ``date_field`` (newest first)."""

    index_view_class = ListExplorerView
    filterset_class = ListFilterSet
    list_per_page = 25
    date_field = None

    @classproperty
    def columns(cls):
        return list_columns(cls.model, cls.date_field)

    @classproperty
    def ordering(cls):
        return f"-{cls.date_field}"


def list_viewset(model, date_field, icon):
    """The views of ``model``'s pages, its lists' explorer showing ``date_field``, newest
    first: each list app registers one (``register_admin_viewset``)."""
    attributes = {"model": model, "date_field": date_field, "icon": icon}
    viewset_class = type(f"{model.__name__}ViewSet", (ListViewSet,), attributes)
    return viewset_class(f"{model._meta.app_label}_{model._meta.model_name}_pages")


def icon_html(name):
    """Wagtail's ``{% icon %}`` (wagtailadmin/shared/icon.html) with its default class."""
    return format_html(
        '<svg class="icon icon-{0} icon" aria-hidden="true"><use href="#icon-{0}"></use></svg>',
        name,
    )


class QuickButton(Button):
    """A button of a listing row's "More" menu, drawn as Wagtail's template for it
    (wagtailadmin/shared/button.html) draws it, without the template engine: a row has
    four to eleven of them, and their templates were a third of the explorer's time."""

    @classmethod
    def of(cls, button):
        quick = cls.__new__(cls)
        quick.__dict__.update(button.__dict__)
        return quick

    def render_html(self, parent_context=None):
        content = conditional_escape(self.label)
        if self.icon_name:
            content = format_html("{} {}", icon_html(self.icon_name), content)
        if self.url:
            return format_html(
                '<a href="{}" class="{}"{}>{}</a>',
                self.url,
                self.classname,
                self.base_attrs_string,
                content,
            )
        return format_html(
            '<button class="{}"{}>{}</button>', self.classname, self.base_attrs_string, content
        )


def quick_menu_buttons(buttons):
    """The row's menus with their plain buttons drawn by ``QuickButton`` (others, of
    classes with their own drawing, are left to it)."""
    for button in buttons:
        if isinstance(button, BaseDropdownMenuButton):
            button.dropdown_buttons = [
                QuickButton.of(item) if type(item) is Button else item
                for item in button.dropdown_buttons
            ]
