"""Keeping a unit's people inside their unit (DESIGN §5.2), beyond page permissions."""

from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

from govcms.units import unit_path_of

from .models import DepartmentPage, is_board_member, unit_paths_of


def sees_everything(user):
    return user.is_superuser or is_board_member(user)


def choosable_pages(pages, user):
    """Narrow a page chooser's queryset: the user's own units, plus live portal-level pages.

    Wagtail's page chooser lists every page by design (upstream issue #9714).
    """
    if sees_everything(user):
        return pages
    own = Q(pk__in=[])
    for path in unit_paths_of(user):
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


def refused_references(user, objects):
    """A message for each object a page form names that ``user`` may not use.

    The same rules as the choosers: images and documents the user may choose (their
    unit's collection and the shared one), pages the page chooser offers them. Other
    objects (the lists the board keeps for the whole portal) belong to no unit.
    """
    if sees_everything(user):
        return
    page_ids = [obj.pk for obj in objects if isinstance(obj, Page)]
    allowed_pages = set(
        choosable_pages(Page.objects.filter(pk__in=page_ids), user).values_list("pk", flat=True)
    )
    unit_owned_media = (get_image_model(), get_document_model())
    for obj in objects:
        if isinstance(obj, Page):
            allowed = obj.pk in allowed_pages
        elif not isinstance(obj, unit_owned_media):
            continue  # the portal's shared lists (document types, issuing bodies…)
        else:
            policy = policy_registry.get_by_type(type(obj))
            allowed = policy.user_has_permission_for_instance(user, "choose", obj)
        if not allowed:
            # Nothing of the object is named: its id may have been typed, and its title is
            # another unit's to know. The field is emptied (govcms/forms.py).
            yield _(
                "A page, picture or file chosen here belongs to another unit and cannot be used."
            )


def lock_refusal(page, user):
    """The message if ``page`` is locked against ``user``'s changes (a review in progress,
    or a colleague's lock), else None."""
    lock = page.get_lock()
    if lock is not None and lock.for_user(user):
        return lock.get_message(user)
    return None
