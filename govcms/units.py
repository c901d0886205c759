"""The unit a page belongs to: the deepest unit page at or above it; None for the
portal's own pages (DESIGN §2).

Which page type is a unit is a setting, ``GOVCMS_UNIT_PAGE_MODEL`` (as Django names its
user model), so the core and the apps below ``departments`` know what a unit is without
importing the app that defines it. Every question "which unit is this in?" goes through
here, in one of three shapes depending on what the caller already holds.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Page


def get_unit_model():
    return apps.get_model(settings.GOVCMS_UNIT_PAGE_MODEL, require_ready=False)


def unit_of(page):
    """The unit page ``page`` is in (``page`` itself if it is one), from one query."""
    step = Page.steplen
    paths = [page.path[:end] for end in range(step, len(page.path) + 1, step)]
    return get_unit_model().objects.filter(path__in=paths).order_by("-depth").first()


def nearest_unit(pages):
    """The unit among ``pages``, a page's ancestors (and itself) already read: the deepest
    page of the unit type. No query but the (cached) content type."""
    unit_type = ContentType.objects.get_for_model(get_unit_model()).pk
    units = [page for page in pages if page.content_type_id == unit_type]
    return max(units, key=lambda page: page.depth) if units else None


def unit_path_of(page, unit_paths):
    """The path of the unit ``page`` is in, among the known ``unit_paths``, or None."""
    matches = [path for path in unit_paths if page.path.startswith(path)]
    return max(matches, key=len) if matches else None


def parent_path(field="path"):
    """The tree path of the page above the page whose path is in ``field`` of the outer
    query (for a subquery on that page)."""
    return Substr(OuterRef(field), 1, Length(OuterRef(field)) - Page.steplen)
