from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.models import Page, PageLogEntry

from govcms.editing import refuse_save
from govcms.forms import CHECK_PAGE_REFERENCES_HOOK
from govcms.units import unit_of

from . import media
from .admin_api import confine_admin_api
from .confinement import choosable_pages, crosses_units, refused_references, sees_everything
from .middleware import WHOLE_PORTAL_REPORTS
from .models import PortalPageLogEntry
from .page_views import ConfinedPageViewSet
from .workflows import REVIEW_RESTARTED


@hooks.register("construct_page_chooser_queryset")
def confine_page_chooser(pages, request):
    return choosable_pages(pages, request.user)


@hooks.register(CHECK_PAGE_REFERENCES_HOOK)
def refuse_other_units_objects(user, objects):
    return refused_references(user, objects)


# After Wagtail's own apps have registered the endpoints this replaces.
@hooks.register("construct_admin_api", order=100)
def register_confined_admin_api(router):
    confine_admin_api(router)


def _refuse_cross_unit(request, page):
    messages.error(request, _("Content cannot be moved or copied to another unit."))
    return redirect("wagtailadmin_explore", page.get_parent().pk)


def _refused_move(user, page, destination):
    """Nobody but an administrator moves content across units; and nobody, administrators
    included, brings live content into a unit, where only its approval publishes."""
    if not crosses_units(page, destination):
        return False
    if not user.is_superuser:
        return True
    return unit_of(destination) is not None and page.get_descendants(inclusive=True).live().exists()


@hooks.register("before_move_page")
def refuse_move_across_units(request, page, destination):
    if _refused_move(request.user, page, destination):
        return _refuse_cross_unit(request, page)
    return None


@hooks.register("before_copy_page")
def refuse_copy_across_units(request, page):
    destination_id = request.POST.get("new_parent_page", "")
    if request.method != "POST" or not destination_id.isdigit():
        return None
    destination = Page.objects.filter(pk=destination_id).first()
    if (
        destination is not None
        and not request.user.is_superuser
        and crosses_units(page, destination)
    ):
        return _refuse_cross_unit(request, page)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_actions_around_the_rules(request, action_type, objects, action_class_instance):
    """Bulk actions run neither the move hooks nor the media forms' checks."""
    if action_type == "move":
        destination = action_class_instance.cleaned_form.cleaned_data["chooser"]
        if any(_refused_move(request.user, page, destination) for page in objects):
            return _refuse_cross_unit(request, objects[0])
    if action_type == "add_to_collection":
        for obj in objects:
            message = media.refusal_to_change(request.user, obj, ["collection"])
            if message:
                messages.error(request, message)
                return redirect(action_class_instance.next_url)
    return None


@hooks.register("before_edit_page")
def refuse_approval_of_an_unseen_revision(request, page):
    """An approval from the editor approves the revision the approver loaded, or nothing.

    The review may have restarted on a newer revision since the form was loaded.
    """
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    task_state = page.current_workflow_task_state
    if task_state is not None and request.POST.get("loaded_revision_id") != str(
        task_state.revision_id
    ):
        messages.error(
            request,
            _("This page has changed since you opened it. Review the new version first."),
        )
        refuse_save(request)
    return None


@hooks.register("before_serve_document")
def serve_only_published_documents(document, request):
    """The public gets a document once a live page links to it (DESIGN §5.8), and a page
    under a view restriction gives it only to those the restriction lets in."""
    user = request.user
    if user.is_authenticated and media.may_use_in_admin(user, document):
        return None
    if media.shown_by_live_pages(document, request):
        return None
    raise Http404


@hooks.register("construct_reports_menu")
def hide_whole_portal_reports(request, menu_items):
    if not sees_everything(request.user):
        menu_items[:] = [item for item in menu_items if item.name not in WHOLE_PORTAL_REPORTS]


@hooks.register("register_admin_viewset")
def register_confined_page_views():
    """After Wagtail's base page viewset (registered first): pages of every type that has
    no viewset of its own are handled by this one."""
    return ConfinedPageViewSet("govcms_pages")


@hooks.register("register_log_actions", order=100)
def read_page_history_through_portal_manager(actions):
    """Pages' log entries through ``PortalPageLogEntry`` (the same table), after Wagtail
    registered its own: the site history report reads each registered log model once,
    so Wagtail's model leaves the set."""
    actions.register_model(Page, PortalPageLogEntry)
    actions.log_entry_models.discard(PageLogEntry)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        REVIEW_RESTARTED,
        gettext_lazy("Review restarted"),
        gettext_lazy("Review restarted on a newer revision"),
    )
