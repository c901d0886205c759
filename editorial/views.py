import datetime
import logging

import redis
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from departments.confinement import sees_everything
from departments.models import is_board_member, unit_pages, units_of

from . import royalties, statistics, stats
from .forcing import force_publish, may_force_publish, review
from .forms import (
    ForcePublishForm,
    ReviewForm,
    ReviewPlanForm,
    RoyaltyForm,
    RoyaltyMonthForm,
    StatisticsForm,
)
from .models import ForcedPublication, RoyaltyAssignment
from .reviews import (
    change_plan,
    ensure_plan,
    is_covered,
    mark_reviewed,
    may_manage,
    people_of,
    plans_for,
)

logger = logging.getLogger(__name__)


def force_publish_view(request, page_id):
    if not is_board_member(request.user):
        raise PermissionDenied
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_force_publish(page, request.user):
        messages.warning(request, _("This page has nothing to publish without approval."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    form = ForcePublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = force_publish(page, request.user, form.cleaned_data["reason"])
        if item.revision.approved_go_live_at is None:
            message = _("“%(title)s” is published. It waits for another board member's review.")
        else:
            message = _(
                "“%(title)s” is scheduled to go live. It waits for another board member's review."
            )
        messages.success(request, message % {"title": item.page.get_admin_display_title()})
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    revision = page.latest_revision
    return TemplateResponse(
        request,
        "editorial/force_publish.html",
        {
            "page": page,
            "revision": revision,
            "form": form,
            "workflow_state": page.current_workflow_state,
            "preview_url": reverse(
                "wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]
            ),
        },
    )


def review_view(request, pk):
    if not is_board_member(request.user):
        raise PermissionDenied
    item = get_object_or_404(ForcedPublication.objects.select_related("page"), pk=pk)
    own = item.published_by_id == request.user.pk
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        if own:
            raise PermissionDenied
        if item.reviewed_at is None and form.is_valid():
            item, done = review(
                item, request.user, form.cleaned_data["outcome"], form.cleaned_data["comment"]
            )
            if done:
                messages.success(request, _("Your review is recorded."))
            else:
                messages.warning(request, _("Another board member has reviewed it already."))
            return redirect("wagtailadmin_home")
    page = item.page.specific
    if page is None:
        raise Http404
    return TemplateResponse(
        request,
        "editorial/review.html",
        {"item": item, "page": page, "form": form, "own": own},
    )


def _page_to_manage(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    if not is_covered(page) or not may_manage(request.user, page):
        raise PermissionDenied
    return page.specific


def review_list(request):
    """A unit's pages overdue and due for review; the board's, every unit's."""
    today = timezone.localdate()
    plans = plans_for(request.user).filter(next_review__isnull=False).order_by("next_review")
    overdue = plans.filter(next_review__lt=today)
    due = plans.filter(
        next_review__gte=today,
        next_review__lte=today + datetime.timedelta(days=settings.GOVCMS_REVIEW_DUE_DAYS),
    )
    shown = 100
    return TemplateResponse(
        request,
        "editorial/review_list.html",
        {
            "overdue": overdue[:shown],
            "overdue_count": overdue.count(),
            "due": due[:shown],
            "due_count": due.count(),
            "shown": shown,
            "due_days": settings.GOVCMS_REVIEW_DUE_DAYS,
            "today": today,
        },
    )


def mark_reviewed_view(request, page_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    page = _page_to_manage(request, page_id)
    mark_reviewed(page, request.user)
    messages.success(
        request,
        _("“%(title)s” is marked as reviewed.") % {"title": page.get_admin_display_title()},
    )
    return redirect(_next_url(request) or reverse("editorial:reviews"))


def review_plan_view(request, page_id):
    page = _page_to_manage(request, page_id)
    plan = ensure_plan(page)
    people = people_of(page)
    form = ReviewPlanForm(
        request.POST or None,
        people=people,
        initial={"owner": plan.owner_id, "next_review": plan.next_review},
    )
    if request.method == "POST" and form.is_valid():
        change_plan(
            plan, request.user, form.cleaned_data["owner"], form.cleaned_data["next_review"]
        )
        messages.success(request, _("The owner and review date are saved."))
        return redirect(_next_url(request) or reverse("editorial:reviews"))
    return TemplateResponse(
        request,
        "editorial/review_plan.html",
        {"page": page, "plan": plan, "form": form, "next": _next_url(request)},
    )


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return ""


@csrf_exempt
@require_POST
def view_beacon(request, page_id):
    """One view of a public page (editorial/stats.py): nothing is read or kept of the
    visitor, and the answer is empty."""
    if page_id >= 2**31:
        raise Http404
    if not stats.is_robot(request):
        try:
            stats.count_view(page_id)
        except redis.RedisError:
            logger.warning("A view of page %s was not counted: Redis is unavailable", page_id)
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response


def _report_scope(user):
    """The units a report may cover for ``user`` (all of them for the board, which may
    also choose the whole portal), and whether it may; nobody else sees a report."""
    whole_portal = sees_everything(user)
    units = list(unit_pages().order_by("path") if whole_portal else units_of(user).order_by("path"))
    if not units and not whole_portal:
        raise PermissionDenied
    return units, whole_portal


def statistics_view(request):
    """Articles published per month and per author, views per article and the most read,
    for the portal or one unit, over a chosen period; exported to Excel or CSV."""
    units, whole_portal = _report_scope(request.user)
    today = timezone.localdate()
    if "start" in request.GET:
        data = request.GET
    else:  # this month so far, for the whole portal or the user's first unit
        data = {
            "start": today.replace(day=1).strftime("%d/%m/%Y"),
            "end": today.strftime("%d/%m/%Y"),
            "unit": "" if whole_portal else str(units[0].pk),
        }
    form = StatisticsForm(data, units=units, whole_portal=whole_portal)
    context = {"form": form}
    if form.is_valid():
        unit = form.scope()
        period = statistics.Period(form.cleaned_data["start"], form.cleaned_data["end"])
        scope_name = unit.title if unit else _("The whole portal")
        title = _("Statistics: %(scope)s") % {"scope": scope_name}
        period_label = _("From %(start)s to %(end)s") % {
            "start": period.start.strftime("%d/%m/%Y"),
            "end": period.end.strftime("%d/%m/%Y"),
        }
        scope_path = unit.path if unit else ""
        export = request.GET.get("export")
        filename = f"thong-ke-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
        if export == "xlsx":
            response = HttpResponse(
                statistics.as_xlsx(title, period_label, statistics.tables(scope_path, period)),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
            return response
        if export == "csv":
            wanted = request.GET.get("table", "views")
            for key, _name, headings, rows in statistics.tables(scope_path, period):
                if key == wanted:
                    response = HttpResponse(
                        statistics.as_csv(headings, rows), content_type="text/csv; charset=utf-8"
                    )
                    response["Content-Disposition"] = f'attachment; filename="{filename}-{key}.csv"'
                    return response
            raise Http404
        context.update(
            {
                "title": title,
                "period_label": period_label,
                "months": statistics.by_month(scope_path, period),
                "authors": statistics.by_author(scope_path, period),
                "most_read": statistics.article_views(scope_path, period, limit=20),
                "query": urlencode({key: data.get(key, "") for key in ("start", "end", "unit")}),
            }
        )
    return TemplateResponse(request, "editorial/statistics.html", context)


def royalty_view(request, page_id):
    """An approver assigns a grade and the authors to a published article."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not royalties.may_assign(request.user, page):
        raise PermissionDenied
    current = RoyaltyAssignment.objects.filter(page=page).select_related("grade").first()
    initial = {"grade": current.grade_id, "authors": "\n".join(current.authors)} if current else {}
    if not current and getattr(page, "author", ""):
        initial["authors"] = page.author
    form = RoyaltyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        royalties.assign(
            page, request.user, form.cleaned_data["grade"], form.cleaned_data["authors"]
        )
        messages.success(
            request,
            _("The royalty of “%(title)s” is recorded.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect(_next_url(request) or reverse("editorial:royalties"))
    return TemplateResponse(
        request,
        "editorial/royalty.html",
        {"page": page, "form": form, "current": current, "next": _next_url(request)},
    )


def royalty_month_view(request):
    """The month's articles and their royalties, and the statement per author and unit,
    exported to Excel for the accounting office."""
    user = request.user
    units, whole_portal = _report_scope(user)
    today = timezone.localdate()
    data = (
        request.GET
        if "month" in request.GET
        else {
            "month": today.strftime("%m/%Y"),
            "unit": "" if whole_portal else str(units[0].pk),
        }
    )
    form = RoyaltyMonthForm(data, units=units, whole_portal=whole_portal)
    context = {"form": form}
    if form.is_valid():
        unit = form.scope()
        month = form.cleaned_data["month"].replace(day=1)
        names = {u.path: u.title for u in units}
        statement = royalties.statement(month, unit.path if unit else "", names)
        if request.GET.get("export") == "xlsx":
            agency = _agency_name(request)
            response = HttpResponse(
                royalties.as_xlsx(agency, unit.title if unit else agency, month, statement),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="nhuan-but-{month:%Y-%m}.xlsx"'
            return response
        articles = royalties.articles_of_month(month, unit.path if unit else "")
        assignable = royalties.assignable_paths(user)
        context.update(
            {
                "month": month,
                "scope_name": unit.title if unit else _("The whole portal"),
                "articles": [
                    (page, assignment, assignable is None or page.path.startswith(assignable))
                    for page, assignment in articles
                ],
                "statement": statement,
                "query": urlencode({key: data.get(key, "") for key in ("month", "unit")}),
            }
        )
    return TemplateResponse(request, "editorial/royalties.html", context)


def _agency_name(request):
    # The portal's settings belong to `home`, the layer above: named, not imported.
    return apps.get_model("home", "PortalSettings").for_request(request).owner_name
