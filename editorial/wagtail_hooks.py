from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from . import views
from .forcing import (
    FORCE_PUBLISH_ACCEPTED,
    FORCE_PUBLISH_SENT_BACK,
    FORCE_PUBLISHED,
    is_board,
    may_force_publish,
)
from .models import ForcedPublication

urlpatterns = [
    path("force-publish/<int:page_id>/", views.force_publish_view, name="force_publish"),
    path("force-publish/review/<int:pk>/", views.review_view, name="review"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("editorial/", include((urlpatterns, "editorial"), namespace="editorial"))]


def _force_publish_button(page, user, priority):
    if may_force_publish(page, user):
        return Button(
            _("Publish without approval…"),
            reverse("editorial:force_publish", args=[page.pk]),
            icon_name="warning",
            priority=priority,
        )
    return None


@hooks.register("register_page_header_buttons")
def force_publish_header_button(page, user, view_name, next_url=None):
    button = _force_publish_button(page, user, priority=62)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def force_publish_listing_button(page, user, next_url=None):
    button = _force_publish_button(page, user, priority=42)
    if button:
        yield button


class ForcedPublicationsPanel(Component):
    """The board's queue: what was published without approval and awaits review."""

    name = "forced_publications"
    order = 5

    def __init__(self, items):
        self.items = items

    def render_html(self, parent_context):
        return render_to_string(
            "editorial/panel.html",
            {"items": self.items, "request": parent_context["request"]},
        )


@hooks.register("construct_homepage_panels")
def add_forced_publications_panel(request, panels):
    if not is_board(request.user):
        return
    items = list(ForcedPublication.objects.waiting().select_related("page", "published_by"))
    if items:
        panels.insert(0, ForcedPublicationsPanel(items))


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(FORCE_PUBLISHED)
    class ForcePublished(LogFormatter):
        label = _("Published without approval")

        def format_message(self, log_entry):
            return _("Published without the unit's approval. Reason: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }

    @actions.register_action(FORCE_PUBLISH_ACCEPTED)
    class Accepted(LogFormatter):
        label = _("Publication without approval accepted")

        def format_message(self, log_entry):
            comment = log_entry.data.get("comment", "")
            message = _("The publication without approval was reviewed and accepted.")
            return f"{message} {comment}".strip()

    @actions.register_action(FORCE_PUBLISH_SENT_BACK)
    class SentBack(LogFormatter):
        label = _("Publication without approval sent back")

        def format_message(self, log_entry):
            return _("The publication without approval was sent back: %(comment)s") % {
                "comment": log_entry.data.get("comment", "")
            }
