"""Owners and review dates (LocalGov Drupal's "content owner" and "review date").

Every news item, legal document and information page has an owner, a person of its unit
(the board for the department's own pages), and, for the types that need one, a next-review
date: ``GOVCMS_REVIEW_MONTHS`` months after publication, then after each review. A unit's
staff see their pages due for review and overdue (``views.review_list``); marking a page
reviewed without changing it records who and when in the page's history, and creates no
revision, so there is nothing to approve. Each owner gets a weekly digest (``tasks.py``).
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from departments.confinement import sees_everything
from departments.models import unit_paths_of
from govcms.units import unit_of

from .models import PageReview

REVIEWED = "govcms.reviewed"
PLAN_CHANGED = "govcms.review_plan"


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last_day = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(1)).day
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def covered_models():
    return [apps.get_model(label) for label in settings.GOVCMS_REVIEW_MONTHS]


def covered_content_types():
    return [
        ContentType.objects.get_for_model(model, for_concrete_model=False)
        for model in covered_models()
    ]


def review_months(page):
    """The months to the next review of ``page``'s type; None when the type has no
    review date (news) or is not covered."""
    model = page.specific_class or type(page)
    return settings.GOVCMS_REVIEW_MONTHS.get(model._meta.label)


def is_covered(page):
    model = page.specific_class or type(page)
    return model._meta.label in settings.GOVCMS_REVIEW_MONTHS


def people_of(page):
    """Who may own ``page``: the active people of its unit, or the board's members for the
    department's own pages."""
    users = get_user_model().objects.filter(is_active=True)
    unit = unit_of(page)
    resources = getattr(unit, "resources", None) if unit is not None else None
    if resources is not None:
        users = users.filter(groups__in=[resources.editors_id, resources.approvers_id])
    elif unit is None:
        users = users.filter(groups__name=settings.GOVCMS_BOARD_GROUP)
    else:
        return users.none()
    return users.distinct().order_by("first_name", "last_name", "username")


def default_owner(page, user=None):
    people = people_of(page)
    for candidate in (user, page.owner):
        if candidate is not None and people.filter(pk=candidate.pk).exists():
            return candidate
    return people.first()


def ensure_plan(page, user=None):
    """The page's plan, made with the defaults when it has none (on publication)."""
    plan = PageReview.objects.filter(page=page).first()
    if plan is not None:
        return plan
    months = review_months(page)
    today = timezone.localdate()
    return PageReview.objects.create(
        page=page,
        owner=default_owner(page, user),
        next_review=add_months(today, months) if months else None,
    )


def may_manage(user, page):
    """A person of the page's unit, the board, or an administrator."""
    if sees_everything(user):
        return True
    return any(page.path.startswith(path) for path in unit_paths_of(user))


def plans_for(user):
    """The plans ``user`` may see: their units' pages; every page for the board."""
    plans = PageReview.objects.select_related("page", "owner")
    if sees_everything(user):
        return plans
    paths = unit_paths_of(user)
    if not paths:
        return plans.none()
    condition = Q()
    for path in paths:
        condition |= Q(page__path__startswith=path)
    return plans.filter(condition)


def mark_reviewed(page, user):
    """Checked and still right: the next review moves on, and the page's history says who
    and when. No revision is saved."""
    with transaction.atomic():
        plan = ensure_plan(page, user)
        plan = PageReview.objects.select_for_update().get(pk=plan.pk)
        now = timezone.now()
        months = review_months(page)
        plan.last_reviewed_at = now
        plan.last_reviewed_by = user
        plan.next_review = add_months(timezone.localdate(now), months) if months else None
        plan.save()
        log(
            page,
            REVIEWED,
            user=user,
            data={"next_review": plan.next_review.isoformat() if plan.next_review else None},
        )
    return plan


def change_plan(plan, user, owner, next_review):
    with transaction.atomic():
        plan.owner = owner
        plan.next_review = next_review
        plan.save(update_fields=["owner", "next_review"])
        log(
            plan.page.specific_deferred,
            PLAN_CHANGED,
            user=user,
            data={
                "owner": owner.get_full_name() or owner.get_username() if owner else "",
                "next_review": next_review.isoformat() if next_review else None,
            },
        )
    return plan


def on_publish(sender, instance, revision=None, **kwargs):
    """A covered page gets its plan when first published (its type's defaults)."""
    if is_covered(instance):
        ensure_plan(instance, getattr(revision, "user", None))
