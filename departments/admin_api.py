"""The admin API's endpoints, confined like the admin's screens (DESIGN §5.2, §5.7, §5.9).

Wagtail's admin API lists every image and document to any admin user, and its page
actions skip the checks the screens make: the lock of a page under review, and the
project's rule against moving or copying content to another unit.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .confinement import crosses_units, lock_refusal

# Actions that change the page itself, refused while it is locked against the user.
CHANGING_ACTIONS = {
    "convert_alias",
    "delete",
    "move",
    "publish",
    "revert_to_page_revision",
    "unpublish",
}
# Actions that put content under a destination page.
PLACING_ACTIONS = {"copy", "create_alias", "move"}


def _refused(message):
    return Response({"message": message}, status=status.HTTP_403_FORBIDDEN)


class UnitPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    def action_view(self, request, pk, action_name):
        if action_name == "copy_for_translation" and not request.user.is_superuser:
            # Its aliases go live at once and it copies whole subtrees: English versions
            # are made with a page's "Translate" screen instead (about/translation.py).
            return _refused(_("English versions are made with the page's Translate screen."))
        page = self.get_object()
        if action_name in CHANGING_ACTIONS:
            message = lock_refusal(page, request.user)
            if message:
                return _refused(message)
        destination_id = request.data.get("destination_page_id")
        if action_name in PLACING_ACTIONS and destination_id is not None:
            if not str(destination_id).isdigit():
                return Response({"destination_page_id": ["A valid integer is required."]}, 400)
            destination = get_object_or_404(Page, pk=destination_id)
            if not request.user.is_superuser and crosses_units(page, destination):
                return _refused(_("Content cannot be moved or copied to another unit."))
        return super().action_view(request, pk, action_name)


class ConfinedMediaMixin:
    """Lists and shows only the media the user may use in the admin."""

    def get_queryset(self):
        queryset = super().get_queryset()
        policy = policy_registry.get_by_type(queryset.model)
        usable = policy.instances_user_has_any_permission_for(
            self.request.user, ["choose", "change", "delete"]
        )
        return queryset.filter(pk__in=usable.values("pk"))


class UnitImagesAdminAPIViewSet(ConfinedMediaMixin, ImagesAdminAPIViewSet):
    pass


class UnitDocumentsAdminAPIViewSet(ConfinedMediaMixin, DocumentsAdminAPIViewSet):
    pass


def confine_admin_api(router):
    """Replace Wagtail's endpoints of the same names (registered before this hook runs)."""
    router.register_endpoint("pages", UnitPagesAdminAPIViewSet)
    router.register_endpoint("images", UnitImagesAdminAPIViewSet)
    router.register_endpoint("documents", UnitDocumentsAdminAPIViewSet)
