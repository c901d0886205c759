"""The public side of the questions: asking (a form of the unit's question list)."""

import datetime
from http import HTTPStatus

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from security.counters import client_network, count

from . import emails
from .forms import QuestionForm

RATE_WINDOW_SECONDS = 60 * 60


def _over_limit(request):
    """Count one question sent from the client's address this hour; whether it has gone
    over GOVCMS_QUESTIONS_PER_HOUR (a fixed window shared by all workers)."""
    hour = int(datetime.datetime.now(tz=datetime.UTC).timestamp() // RATE_WINDOW_SECONDS)
    key = f"rate:questions:{client_network(request)}:{hour}"
    return count(key, RATE_WINDOW_SECONDS + 60) > settings.GOVCMS_QUESTIONS_PER_HOUR


def _describe_errors(form):
    """Tie each field's error message to the field, for screen readers."""
    for name in form.errors:
        if name in form.fields:
            form.fields[name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"{form[name].id_for_label}-error"}
            )


def _page(request, index, context, status=HTTPStatus.OK):
    if context.get("form") is not None and context["form"].is_bound:
        _describe_errors(context["form"])
    context["keep_days"] = settings.GOVCMS_QUESTIONS_KEEP_PERSONAL_DAYS
    response = render(
        request,
        "questions/ask.html",
        {"page": index, "self": index, **context} | index.get_context(request),
        status=status,
    )
    add_never_cache_headers(response)  # a form with its own signed time and CSRF token
    return response


def _form(request, index, data=None):
    # The department's name for its own list, from the settings every page reads anyway.
    department = settings_of(request).shown_owner_name
    return QuestionForm(data, current=index, department=department)


def settings_of(request):
    # The portal's identity (home/) is the layer above: looked up by name, not imported.
    return apps.get_model("home", "PortalSettings").for_request(request)


def ask(request, index):
    if request.method != "POST":
        return _page(request, index, {"form": _form(request, index)})
    if _over_limit(request):
        response = _page(
            request,
            index,
            {"limited": True, "form": _form(request, index, request.POST)},
            status=HTTPStatus.TOO_MANY_REQUESTS,
        )
        response["Retry-After"] = str(RATE_WINDOW_SECONDS)
        return response
    form = _form(request, index, request.POST)
    if form.is_spam():
        # What was typed stays in the form; a fresh signed time lets a person send it again.
        form = _form(request, index, request.POST)
        form.data = form.data.copy()
        form.data["started"] = form.fields["started"].initial
        form.data["website"] = ""
        return _page(
            request,
            index,
            {"form": form, "spam": True},
            status=HTTPStatus.BAD_REQUEST,
        )
    if not form.is_valid():
        return _page(request, index, {"form": form}, status=HTTPStatus.BAD_REQUEST)
    with transaction.atomic():
        question = form.save()
        transaction.on_commit(lambda: emails.question_received(question))
    return _page(request, index, {"question": question, "sent": True})
