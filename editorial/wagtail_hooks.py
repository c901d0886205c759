import datetime

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from departments.confinement import sees_everything
from departments.models import is_board_member, unit_paths_of

from . import royalties, views
from .forcing import (
    FORCE_PUBLISH_ACCEPTED,
    FORCE_PUBLISH_SENT_BACK,
    FORCE_PUBLISHED,
    may_force_publish,
)
from .models import ForcedPublication, RoyaltyGrade
from .reviews import PLAN_CHANGED, REVIEWED, is_covered, may_manage

urlpatterns = [
    path("force-publish/<int:page_id>/", views.force_publish_view, name="force_publish"),
    path("force-publish/review/<int:pk>/", views.review_view, name="review"),
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/<int:page_id>/reviewed/", views.mark_reviewed_view, name="mark_reviewed"),
    path("reviews/<int:page_id>/plan/", views.review_plan_view, name="review_plan"),
    path("statistics/", views.statistics_view, name="statistics"),
    path("royalties/", views.royalty_month_view, name="royalties"),
    path("royalties/<int:page_id>/", views.royalty_view, name="royalty"),
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
    if page.live and royalties.may_assign(user, page):
        yield Button(
            _("Royalty"),
            reverse("editorial:royalty", args=[page.pk]),
            icon_name="pick",
            priority=66,
        )
    if page.live and is_covered(page) and may_manage(user, page):
        yield Button(
            _("Owner and review date"),
            reverse("editorial:review_plan", args=[page.pk]),
            icon_name="calendar-check",
            priority=64,
        )


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return sees_everything(user) or bool(unit_paths_of(user))


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return ReviewMenuItem(
        _("Statistics"),
        reverse("editorial:statistics"),
        name="statistics",
        icon_name="table",
        order=50,
    )


@hooks.register("register_reports_menu_item")
def register_royalties_menu_item():
    return ReviewMenuItem(
        _("Royalties"),
        reverse("editorial:royalties"),
        name="royalties",
        icon_name="pick",
        order=60,
    )


class RoyaltyGradeViewSet(ModelViewSet):
    """The board's royalty grades (model permissions: the board's group only)."""

    model = RoyaltyGrade
    form_fields = ["name", "kind", "amount", "active"]
    list_display = ["name", "kind", "amount", "active"]
    icon = "pick"
    add_to_settings_menu = True
    menu_label = _("Royalty grades")
    name = "royalty_grades"


@hooks.register("register_admin_viewset")
def register_royalty_grades():
    return RoyaltyGradeViewSet()


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        _("Content review"),
        reverse("editorial:reviews"),
        icon_name="calendar-check",
        order=350,
    )


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
    if not is_board_member(request.user):
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

    @actions.register_action(royalties.ASSIGNED)
    class RoyaltyAssigned(LogFormatter):
        label = _("Royalty recorded")

        def format_message(self, log_entry):
            data = log_entry.data
            return _("Royalty: %(grade)s, %(amount)s đ; authors: %(authors)s.") % {
                "grade": data.get("grade", ""),
                "amount": data.get("amount", ""),
                "authors": ", ".join(data.get("authors", [])),
            }

    @actions.register_action(REVIEWED)
    class Reviewed(LogFormatter):
        label = _("Reviewed, no change")

        def format_message(self, log_entry):
            next_review = log_entry.data.get("next_review")
            if next_review:
                day = datetime.date.fromisoformat(next_review).strftime("%d/%m/%Y")
                return _("Checked and still right; next review on %(day)s.") % {"day": day}
            return _("Checked and still right.")

    @actions.register_action(PLAN_CHANGED)
    class PlanChanged(LogFormatter):
        label = _("Owner and review date changed")

        def format_message(self, log_entry):
            next_review = log_entry.data.get("next_review")
            day = (
                datetime.date.fromisoformat(next_review).strftime("%d/%m/%Y")
                if next_review
                else "—"
            )
            return _("Owner: %(owner)s; next review: %(day)s.") % {
                "owner": log_entry.data.get("owner") or "—",
                "day": day,
            }
