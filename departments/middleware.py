"""Admin views that only those who see the whole portal may open (DESIGN §5.9)."""

from django.core.exceptions import PermissionDenied

from .confinement import sees_everything

# Wagtail's page types report counts every unit's pages and names each type's latest
# edited page, drafts included, whatever the user may explore.
WHOLE_PORTAL_VIEWS = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
}


class WholePortalViewsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match and match.view_name in WHOLE_PORTAL_VIEWS and not sees_everything(request.user):
            raise PermissionDenied
        return None
