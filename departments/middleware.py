"""Admin views that Wagtail leaves open wider than the portal's rules (DESIGN §5.9).

Found by the walk of every admin URL (tests/departments/test_admin_url_walk.py).
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import Page

from .confinement import sees_everything
from .models import DepartmentPage, unit_paths_of

# Site-wide reports, open to any admin user in Wagtail: the page types report names each
# type's latest edited page (drafts of every unit included); the workflow and site
# history reports offer every unit's people in their filters. Units have their pages'
# own history and their dashboard. The error test view raises on purpose.
WHOLE_PORTAL_VIEWS = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_results",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:workflow_tasks_results",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:site_history_results",
    "wagtailadmin_error_test",
}
WHOLE_PORTAL_REPORTS = {"page-types-usage", "workflows", "workflow-tasks", "site-history"}


def _may_move(request, page_to_move_id, destination_id):
    """Wagtail's move confirmation shows any page's title before checking anything."""
    page = Page.objects.filter(pk=page_to_move_id).first()
    destination = Page.objects.filter(pk=destination_id).first()
    return bool(page and destination) and page.permissions_for_user(request.user).can_move_to(
        destination
    )


def _may_change_settings(request, app_name, model_name, **kwargs):
    """Wagtail's settings preview creates a site's settings row before checking rights."""
    return request.user.has_perm(f"{app_name}.change_{model_name}")


def _around_own_units(request, parent_page_id, live_outside_units=False):
    """Whether the page is inside one of the user's units (their English versions
    included), or above them: a unit's people browse nothing else. With the English tree
    their units sit in two trees, so Wagtail's own explorable root is the tree's Root,
    under which it would show any page's title."""
    page = Page.objects.filter(pk=parent_page_id).only("path", "live").first()
    if page is None or sees_everything(request.user):
        return True  # the view answers "not found" itself; the board sees everything
    own = unit_paths_of(request.user)
    if any(page.path.startswith(path) or path.startswith(page.path) for path in own):
        return True
    if live_outside_units and page.live:
        unit_paths = DepartmentPage.objects.values_list("path", flat=True)
        return not any(page.path.startswith(path) for path in unit_paths)
    return False


def _may_explore(request, parent_page_id, **kwargs):
    return _around_own_units(request, parent_page_id)


def _may_choose_from(request, parent_page_id, **kwargs):
    """The page chooser also offers live pages outside every unit (choosable_pages)."""
    return _around_own_units(request, parent_page_id, live_outside_units=True)


VIEW_CHECKS = {
    "wagtailadmin_pages:move_confirm": _may_move,
    "wagtailsettings:preview_on_edit": _may_change_settings,
    "wagtailadmin_explore": _may_explore,
    "wagtailadmin_explore_results": _may_explore,
    "wagtailadmin_choose_page_child": _may_choose_from,
}


class AdminConfinementMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The view name first: other requests never load the session's user here.
        view_name = request.resolver_match.view_name if request.resolver_match else None
        check = VIEW_CHECKS.get(view_name)
        if view_name not in WHOLE_PORTAL_VIEWS and check is None:
            return None
        if not request.user.is_authenticated:
            return None  # the admin view itself sends them to sign in
        if view_name in WHOLE_PORTAL_VIEWS and not sees_everything(request.user):
            raise PermissionDenied
        if check is not None and not check(request, **view_kwargs):
            raise PermissionDenied
        return None
