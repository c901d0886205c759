"""Bulk actions, confined (DESIGN §5.2, §5.9).

Wagtail's confirmation screens name every object whose id the request carries, with a
"you have no permission" line for each the user may not act on: another unit's draft
titles, images and documents, for anyone who types their ids. The ids of objects a user
may not even see are dropped before Wagtail's view reads them, and "all" becomes the ids
of the objects the user may see.
"""

from django.apps import apps
from django.http import Http404
from wagtail.admin.views.bulk_action.dispatcher import index as wagtail_bulk_action
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .confinement import choosable_pages, sees_everything
from .models import units_of

COLLECTION_PERMISSIONS = ["change", "choose", "delete"]


def _visible(user, model, objects):
    """``objects`` (a queryset of ``model``) narrowed to what ``user`` may see, or None when
    the model has no unit (users, snippets: their own permission checks apply)."""
    if issubclass(model, Page):
        return choosable_pages(objects, user)
    policy = policy_registry.get_by_type(model)
    if not hasattr(policy, "collections_user_has_any_permission_for"):
        return None
    collections = policy.collections_user_has_any_permission_for(user, COLLECTION_PERMISSIONS)
    return objects.filter(collection__in=collections)


def _all_in_listing(user, model, parent_id):
    if issubclass(model, Page):
        if not parent_id or not str(parent_id).isdigit():
            return model.objects.none()
        parent = Page.objects.filter(pk=parent_id).first()
        own = [unit.path for unit in units_of(user)]
        if parent is None or not any(parent.path.startswith(path) for path in own):
            return model.objects.none()
        return model.objects.child_of(parent)
    return model.objects.all()


def confined_bulk_action(request, app_label, model_name, action):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    user = request.user
    if user.is_authenticated and not sees_everything(user):
        ids = request.GET.getlist("id")
        if "all" in ids:
            objects = _all_in_listing(user, model, request.GET.get("childOf"))
        else:
            objects = model._default_manager.filter(pk__in=[pk for pk in ids if pk.isdigit()])
        visible = _visible(user, model, objects)
        if visible is not None:
            query = request.GET.copy()
            query.setlist("id", [str(pk) for pk in visible.values_list("pk", flat=True)])
            request.GET = query
    return wagtail_bulk_action(request, app_label, model_name, action)
