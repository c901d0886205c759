"""Editorial work the scheduler queues (GOVCMS_PERIODIC_TASKS)."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from . import stats
from .models import PageReview

logger = logging.getLogger(__name__)


@task()
def send_review_digests():
    """Monday's e-mail to each owner: their pages overdue for review, and those due within
    ``GOVCMS_REVIEW_DUE_DAYS``. Owners with nothing due get nothing."""
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.GOVCMS_REVIEW_DUE_DAYS)
    plans = (
        PageReview.objects.filter(
            next_review__lte=horizon,
            owner__isnull=False,
            owner__is_active=True,
            page__live=True,
        )
        .exclude(owner__email="")
        .select_related("page", "owner")
        .order_by("owner_id", "next_review", "page__title")
    )
    by_owner = {}
    for plan in plans:
        plan.edit_url = settings.WAGTAILADMIN_BASE_URL + reverse(
            "wagtailadmin_pages:edit", args=[plan.page_id]
        )
        by_owner.setdefault(plan.owner, []).append(plan)
    sent = 0
    for owner, owned in by_owner.items():
        context = {
            "owner": owner,
            "count": len(owned),
            "overdue": [plan for plan in owned if plan.next_review < today],
            "due": [plan for plan in owned if plan.next_review >= today],
            "due_days": settings.GOVCMS_REVIEW_DUE_DAYS,
            "list_url": settings.WAGTAILADMIN_BASE_URL + reverse("editorial:reviews"),
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = " ".join(
                render_to_string("editorial/email/review_digest_subject.txt", context).split()
            )
            body = render_to_string("editorial/email/review_digest.txt", context)
        send_mail(subject, body, None, [owner.email])
        sent += 1
    logger.info("Review digests queued for %d owners", sent)
    return sent


@task()
def flush_views():
    """The daily flush of the views counted in Redis into PostgreSQL (editorial/stats.py)."""
    written = stats.flush_views()
    logger.info("Views flushed: %d page-days", written)
    return written
