from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from wagtail.models import Page, PageManager, PagePermissionTester, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from .forms import PortalPageForm
from .page_cache import advance, counter
from .text import vietnamese_slugify
from .units import get_unit_model, nearest_unit, unit_path_of

RESTRICTED_PATHS_KEY = "govcms:restricted-page-paths"
RESTRICTED_PATHS_GENERATION_KEY = "govcms:restricted-page-paths:generation"
# A safety net only: every change to a restriction, or move of a page, forgets the list.
RESTRICTED_PATHS_SECONDS = 60 * 60


def restricted_paths(fresh=False):
    """Tree paths of the pages that carry a view restriction, kept in the shared cache.

    Wagtail's ``public()`` reads every restriction from the database each time a listing
    calls it; the portal has few restrictions and many listings. The list is stored under
    a generation number that each change moves on, so a list read from the database just
    before a change can never be stored as current. ``fresh`` reads the database (for code
    that runs inside the change itself).
    """
    if fresh:
        return list(PageViewRestriction.objects.values_list("page__path", flat=True))
    generation = counter(cache, RESTRICTED_PATHS_GENERATION_KEY)
    key = f"{RESTRICTED_PATHS_KEY}:{generation}"
    paths = cache.get(key)
    if paths is None:
        paths = restricted_paths(fresh=True)
        cache.set(key, paths, timeout=RESTRICTED_PATHS_SECONDS)
    return paths


def _next_generation():
    advance(cache, RESTRICTED_PATHS_GENERATION_KEY)


def forget_restricted_paths(**kwargs):
    """Forget the list now, and again once the change is committed (until then other
    requests still read the old rows, and may store them under this generation)."""
    _next_generation()
    transaction.on_commit(_next_generation)


def in_default_language():
    """Whether the page being served is a Vietnamese one: the English versions are served
    under /en/, where the language is English (govcms/urls.py). Free of queries, unlike
    comparing the page's locale."""
    return translation.get_language() == settings.LANGUAGE_CODE


class PortalPageQuerySet(PageQuerySet):
    def private_q(self):
        q = Q()
        for path in restricted_paths():
            q |= Q(path__startswith=path)
        # Matches no page when nothing is restricted.
        return q if q else Q(pk__in=[])


class PortalPageManager(PageManager.from_queryset(PortalPageQuerySet)):
    pass


def unit_paths(user):
    """The tree paths of every unit page (English versions too), read once per request:
    kept on the request's user object."""
    paths = getattr(user, "_govcms_unit_paths", None)
    if paths is None:
        paths = list(get_unit_model().objects.values_list("path", flat=True))
        user._govcms_unit_paths = paths
    return paths


class PortalPagePermissionTester(PagePermissionTester):
    """Inside a unit, the publish permission publishes nothing: a unit's content goes live
    through its approval (which publishes without that permission) or through the board's
    force-publish, which asks for a reason and is reviewed afterwards (editorial/). Every
    path Wagtail offers (the editor's button, bulk actions, the admin API, reverting,
    copying, creating, scheduling) asks one of these two methods, so each is closed.
    Outside units, and for unpublishing, Wagtail's own rules hold."""

    def _inside_a_unit(self):
        return unit_path_of(self.page, unit_paths(self.user)) is not None

    def can_publish(self):
        return super().can_publish() and not self._inside_a_unit()

    def can_publish_subpage(self):
        return super().can_publish_subpage() and not self._inside_a_unit()

    def can_delete(self, ignore_bulk=False):
        """Wagtail's rule, without its query for a page without children: the subtree it
        asks about (live pages, other owners) is then the page itself. The page listing
        asks twice for every row (its move and delete buttons)."""
        if not self.page.is_leaf() or not self.user.is_active or self.user.is_superuser:
            return super().can_delete(ignore_bulk=ignore_bulk)
        if self.page_is_root:
            return False
        if "change" in self.permissions:
            return "publish" in self.permissions or not self.page.live
        if "add" in self.permissions:
            own = self.page.owner_id == self.user.pk
            return own if "publish" in self.permissions else own and not self.page.live
        return False

    def can_publish_directly(self):
        """What Wagtail's publish permission alone allows, units or not."""
        return super().can_publish()

    def can_set_view_restrictions(self):
        return self.can_publish_directly()

    def can_unschedule(self):
        return self.can_publish_directly()


class BasePage(Page):
    """Base of every page type of the portal.

    Wagtail fills a missing slug with Django's ``slugify``, which drops "đ" (DESIGN §8):
    the slug is filled here first, with the Vietnamese transliteration, and Wagtail's
    own default then leaves it alone.
    """

    search_fields = Page.search_fields + [index.SearchField("search_description")]

    objects = PortalPageManager()
    base_form_class = PortalPageForm

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        """One tester per page and user object: each row of the admin's page listing asks
        its ten buttons in turn. What it reads of the user's rights Wagtail keeps on the
        user object already."""
        tester = getattr(self, "_govcms_permission_tester", None)
        # A copy of the page (copy.copy) carries its original's tester: asked afresh.
        if tester is None or tester.user is not user or tester.page is not self:
            tester = self._govcms_permission_tester = PortalPagePermissionTester(user, self)
        return tester

    def _set_core_field_defaults(self):
        parent_is_known = bool(self.path or getattr(self, "_cached_parent_obj", None))
        if not self.slug and self.title and parent_is_known:
            base_slug = vietnamese_slugify(self.title)
            if base_slug:
                self.slug = self._get_autogenerated_slug(base_slug)
        super()._set_core_field_defaults()

    def list_address(self, request, number, suffix="", **query):
        """A list page as shown (its filters, a page of it, ``suffix`` for a sub-route) at
        its public address: each page of a list is its own canonical, as search engines
        expect of paginated lists."""
        query = {name: value for name, value in query.items() if value is not None}
        if number > 1:
            query["page"] = number
        url = self.get_full_url(request) + suffix
        return f"{url}?{urlencode(query)}" if query else url

    def get_view_restrictions(self):
        """No query at all while nothing on the portal is restricted (the usual case).

        Wagtail reads the page's ancestors and then their restrictions on every request;
        the cached list of restricted pages says when there cannot be any.
        """
        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_context(self, request, *args, **kwargs):
        """Adds the page's ancestors (for the breadcrumb) and its unit, from one query."""
        context = super().get_context(request, *args, **kwargs)
        # A site's root (depth 2) has no ancestor worth showing: skip the query.
        ancestors = list(self.get_ancestors().filter(depth__gt=1)) if self.depth > 2 else []
        context["ancestors"] = ancestors
        context.setdefault("unit", nearest_unit([*ancestors, self]))
        return context
