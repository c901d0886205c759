"""Keeping a unit's people inside their unit (DESIGN §5.2), beyond page permissions."""

from django.db.models import Q

from .models import DepartmentPage, is_board_member, units_of


def sees_everything(user):
    return user.is_superuser or is_board_member(user)


def unit_path_of(page, unit_paths):
    """The path of the unit ``page`` belongs to (the nearest unit above it), or None."""
    matches = [path for path in unit_paths if page.path.startswith(path)]
    return max(matches, key=len) if matches else None


def choosable_pages(pages, user):
    """Narrow a page chooser's queryset: the user's own units, plus live portal-level pages.

    Wagtail's page chooser lists every page by design (upstream issue #9714).
    """
    if sees_everything(user):
        return pages
    own = Q(pk__in=[])
    for path in units_of(user).values_list("path", flat=True):
        own |= Q(path__startswith=path)
    inside_any_unit = Q(pk__in=[])
    for path in DepartmentPage.objects.values_list("path", flat=True):
        inside_any_unit |= Q(path__startswith=path)
    return pages.filter(own | (Q(live=True) & ~inside_any_unit))


def crosses_units(page, destination):
    """Whether moving or copying ``page`` under ``destination`` takes it to another unit."""
    unit_paths = list(DepartmentPage.objects.values_list("path", flat=True))
    source_unit = unit_path_of(page, unit_paths)
    if source_unit == page.path:
        # A unit page itself moves as a whole; only its subtree matters.
        return False
    return source_unit != unit_path_of(destination, unit_paths)
