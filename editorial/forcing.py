"""Force-publish, the accountable way (DESIGN §5.10).

A board member may publish a unit's content without the unit's approval, only with a
written reason. The publication is logged in the page's history with that reason, the
other board members are e-mailed, and it waits on the dashboard until a different board
member reviews it: accepted, or sent back with a comment to the person who published it.
Nobody else can: inside a unit the publish permission publishes nothing
(``govcms.pages.PortalPagePermissionTester``), and these functions check the board.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.log_actions import log
from wagtail.models import Page

from departments.models import is_board_member
from govcms.pages import unit_paths
from govcms.units import unit_path_of

from .models import ForcedPublication

FORCE_PUBLISHED = "govcms.force_publish"
FORCE_PUBLISH_ACCEPTED = "govcms.force_publish.accepted"
FORCE_PUBLISH_SENT_BACK = "govcms.force_publish.sent_back"


def may_force_publish(page, user):
    """Whether ``user`` may force-publish ``page``: a board member, a page inside a unit,
    with a revision that is not live yet. No query beyond two per request."""
    return (
        page.has_unpublished_changes
        and page.latest_revision_id is not None
        and is_board_member(user)
        and unit_path_of(page, unit_paths(user)) is not None
    )


def force_publish(page, user, reason):
    """Publishes the page's latest revision, cancelling its review if one is running.
    Returns the queue's new item."""
    with transaction.atomic():
        page = Page.objects.select_for_update().get(pk=page.pk).specific
        if not may_force_publish(page, user):
            raise PermissionDenied
        revision = page.latest_revision
        state = page.current_workflow_state
        if state is not None:
            state.cancel(user=user)
        revision.publish(user=user, skip_permission_checks=True)
        page = Page.objects.get(pk=page.pk).specific  # its title and state as published
        item = ForcedPublication.objects.create(
            page=page,
            revision=revision,
            reason=reason,
            published_by=user,
            published_at=timezone.now(),
        )
        log(page, FORCE_PUBLISHED, user=user, revision=revision, data={"reason": reason})
        _tell_the_board(item)
    return item


def review(item, user, outcome, comment=""):
    """Records another board member's review. The publisher cannot review their own."""
    if not is_board_member(user) or item.published_by_id == user.pk:
        raise PermissionDenied
    with transaction.atomic():
        item = ForcedPublication.objects.select_for_update().get(pk=item.pk)
        if item.reviewed_at is not None:
            return item, False
        item.reviewed_by = user
        item.reviewed_at = timezone.now()
        item.outcome = outcome
        item.comment = comment
        item.save()
        action = (
            FORCE_PUBLISH_ACCEPTED
            if outcome == ForcedPublication.Outcome.ACCEPTED
            else FORCE_PUBLISH_SENT_BACK
        )
        page = item.page.specific
        log(page, action, user=user, revision=item.revision, data={"comment": comment})
        if action == FORCE_PUBLISH_SENT_BACK:
            _tell_the_publisher(item)
    return item, True


def _board_addresses(exclude):
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=settings.GOVCMS_BOARD_GROUP)
        .exclude(email="")
    )
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return sorted(set(users.values_list("email", flat=True)))


def _mail(template, context, recipients):
    if not recipients:
        return
    context = {
        **context,
        "review_url": settings.WAGTAILADMIN_BASE_URL
        + reverse("editorial:review", args=[context["item"].pk]),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(
            render_to_string(f"editorial/email/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"editorial/email/{template}.txt", context)
    send_mail(subject, body, None, recipients)


def _tell_the_board(item):
    context = {
        "item": item,
        "page": item.page,
        "publisher": item.published_by,
        # A revision whose go-live time is ahead is scheduled, not yet public.
        "scheduled_for": item.revision.approved_go_live_at,
    }
    _mail("forced", context, _board_addresses(exclude=item.published_by))


def _tell_the_publisher(item):
    publisher = item.published_by
    if publisher is None or not publisher.email:
        return
    context = {"item": item, "page": item.page, "reviewer": item.reviewed_by}
    _mail("sent_back", context, [publisher.email])
