"""Bulk actions, confined (DESIGN §5.2, §5.9).

Wagtail's bulk-action screens list every object whose id the request names, with a "you
have no permission" line for each one the user may not act on: another unit's draft
titles, images and documents, for anyone who types their ids. Those lines keep only what
the user may see anyway. Wagtail's own selection (its "select all" follows the listing's
search and parent) and permission checks stay as they are; ids that are not ASCII digits
are dropped before Wagtail reads them (they would fail as database ids).
"""

from wagtail.admin.views.bulk_action import BulkAction
from wagtail.models import Page
from wagtail.permissions import policy_registry

from govcms.forms import is_database_id

from .confinement import choosable_pages, sees_everything

COLLECTION_PERMISSIONS = ["change", "choose", "delete"]


def visible(user, model, objects):
    """The objects of ``objects`` (instances of ``model``) that ``user`` may see."""
    if issubclass(model, Page):
        ids = {obj.pk for obj in objects}
        seen = set(
            choosable_pages(Page.objects.filter(pk__in=ids), user).values_list("pk", flat=True)
        )
        return [obj for obj in objects if obj.pk in seen]
    policy = policy_registry.get_by_type(model)
    if not hasattr(policy, "collections_user_has_any_permission_for"):
        return objects  # no unit owns it (users, snippets): their own checks apply
    collections = set(
        policy.collections_user_has_any_permission_for(user, COLLECTION_PERMISSIONS).values_list(
            "pk", flat=True
        )
    )
    return [obj for obj in objects if obj.collection_id in collections]


def _clean_ids(request):
    ids = request.GET.getlist("id")
    kept = [pk for pk in ids if pk == "all" or is_database_id(pk)]
    parent = request.GET.get("childOf")
    if kept != ids or (parent and not is_database_id(parent)):
        query = request.GET.copy()
        query.setlist("id", kept)
        if parent and not is_database_id(parent):
            del query["childOf"]
        request.GET = query


def confine_bulk_actions():
    """Wrap Wagtail's ``BulkAction.get_actionable_objects`` (once)."""
    original = BulkAction.get_actionable_objects
    if getattr(original, "confined", False):
        return

    def get_actionable_objects(self):
        _clean_ids(self.request)
        objects, extra = original(self)
        user = self.request.user
        hidden = extra.get("items_with_no_access")
        if hidden and not sees_everything(user):
            extra["items_with_no_access"] = visible(user, self.model, hidden)
        return objects, extra

    get_actionable_objects.confined = True
    BulkAction.get_actionable_objects = get_actionable_objects
