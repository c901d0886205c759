from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from .forcing import force_publish, is_board, may_force_publish, review
from .forms import ForcePublishForm, ReviewForm
from .models import ForcedPublication


def force_publish_view(request, page_id):
    if not is_board(request.user):
        raise PermissionDenied
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_force_publish(page, request.user):
        messages.warning(request, _("This page has nothing to publish without approval."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    form = ForcePublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        force_publish(page, request.user, form.cleaned_data["reason"])
        messages.success(
            request,
            _("“%(title)s” is published. It waits for another board member's review.")
            % {"title": page.get_admin_display_title()},
        )
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
    if not is_board(request.user):
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
