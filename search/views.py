import datetime
from http import HTTPStatus

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from departments.models import DepartmentPage
from security.counters import client_network, count

from . import engine
from .kinds import KINDS

MAX_QUERY_LENGTH = 200
SORT_NEWEST = "moi-nhat"
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class SearchForm(forms.Form):
    """The search page's query string. Field names are the portal's Vietnamese URL
    parameters; a bad value is reported beside its field and the rest still apply."""

    def __init__(self, data, units):
        super().__init__(data)
        self.fields["q"] = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH * 4)
        self.fields["don-vi"] = forms.TypedChoiceField(
            required=False,
            choices=[("", _("All units"))] + [(str(u.pk), u.title) for u in units],
            coerce=int,
            empty_value=None,
            error_messages={"invalid_choice": _("Choose a unit from the list.")},
        )
        self.fields["loai"] = forms.ChoiceField(
            required=False,
            choices=[("", _("All kinds"))] + [(slug, label) for slug, (label, _m) in KINDS.items()],
            error_messages={"invalid_choice": _("Choose a kind from the list.")},
        )
        date_errors = {"invalid": _("Enter a date as dd/mm/yyyy.")}
        self.fields["tu-ngay"] = forms.DateField(
            required=False, input_formats=DATE_FORMATS, error_messages=date_errors
        )
        self.fields["den-ngay"] = forms.DateField(
            required=False, input_formats=DATE_FORMATS, error_messages=date_errors
        )
        self.fields["sap-xep"] = forms.ChoiceField(
            required=False,
            choices=[("", _("Most relevant")), (SORT_NEWEST, _("Newest first"))],
            error_messages={"invalid_choice": _("Choose an order from the list.")},
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("tu-ngay"), data.get("den-ngay")
        if start and end and start > end:
            self.add_error("den-ngay", _("The end date must not be before the start date."))
        for name in ("tu-ngay", "den-ngay"):
            day = data.get(name)
            if day and not datetime.date(1900, 1, 1) <= day <= datetime.date(2999, 12, 31):
                self.add_error(name, _("Enter a date between 1900 and 2999."))
        return data

    def value(self, name):
        """The field's clean value, or its empty value when it was not valid."""
        if name in self.errors:
            return None
        return self.cleaned_data.get(name) or None


def _over_limit(request, name, limit):
    """Count one request of ``name`` from the client in the current minute; whether the
    client has gone over ``limit`` (a fixed window, shared by all workers)."""
    minute = int(datetime.datetime.now(tz=datetime.UTC).timestamp() // 60)
    return count(f"rate:{name}:{client_network(request)}:{minute}", 90) > limit


def _refused(request, template, status, retry_after=None):
    response = render(request, template, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


def search(request):
    """Live, public pages matching the query: diacritics and case ignored, ranked as a
    reader expects, narrowed by unit, kind and dates, or newest first (search/engine.py)."""
    site = Site.find_for_request(request)
    root_path = site.root_page.path if site is not None else ""
    units = list(
        DepartmentPage.objects.live()
        .public()
        .filter(path__startswith=root_path)
        .order_by("path")
        .only("pk", "title", "path")
    )
    form = SearchForm(request.GET, units)
    form.is_valid()
    raw_query = form.value("q") or ""
    unit_id = form.value("don-vi")
    unit = next((u for u in units if u.pk == unit_id), None)
    kind = form.value("loai")
    query = engine.Query(
        text=raw_query,
        unit_path=unit.path if unit else "",
        kinds=(kind,) if kind else (),
        date_from=form.value("tu-ngay"),
        date_to=form.value("den-ngay"),
        by_date=form.value("sap-xep") == SORT_NEWEST,
    )

    results_page = results = None
    if engine.clean_words(raw_query):
        if _over_limit(request, "search", settings.GOVCMS_SEARCH_RATE_LIMIT):
            return _refused(request, "search/too_many.html", HTTPStatus.TOO_MANY_REQUESTS, 60)
        number = request.GET.get("page", "1")
        number = int(number) if number.isascii() and number.isdecimal() and len(number) < 6 else 1
        try:
            results = engine.search(query, root_path, page=min(number, engine.MAX_PAGES))
        except engine.SearchTimeout:
            return _refused(
                request, "search/too_slow.html", HTTPStatus.SERVICE_UNAVAILABLE, retry_after=10
            )
        if results.count:
            results_page = Paginator(range(results.count), engine.RESULTS_PER_PAGE).page(
                results.page
            )

    return render(
        request,
        "search/search.html",
        {
            "query": raw_query[:MAX_QUERY_LENGTH],
            "form": form,
            "results": results,
            "results_page": results_page,
            "units": units,
            "unit": unit,
            "kinds": [(slug, label) for slug, (label, _m) in KINDS.items()],
            "kind": kind,
            # Date fields take yyyy-mm-dd only: a value that was not a date is named in
            # the errors above the form and left empty.
            "date_from": query.date_from.isoformat() if query.date_from else "",
            "date_to": query.date_to.isoformat() if query.date_to else "",
            "newest": query.by_date,
            "sort_newest": SORT_NEWEST,
        },
    )


def suggestions(request):
    """Titles beginning with what the reader has typed, for the search box's list.

    JSON for the portal's script; the search itself never depends on it."""
    if _over_limit(request, "suggest", settings.GOVCMS_SUGGEST_RATE_LIMIT):
        response = JsonResponse({"titles": []}, status=HTTPStatus.TOO_MANY_REQUESTS)
        response["Retry-After"] = "60"
        add_never_cache_headers(response)
        return response
    site = Site.find_for_request(request)
    root_path = site.root_page.path if site is not None else ""
    try:
        titles = engine.suggest(request.GET.get("q", ""), root_path)
    except engine.SearchTimeout:
        response = JsonResponse({"titles": []})
        add_never_cache_headers(response)
        return response
    response = JsonResponse({"titles": titles})
    # A short while in the reader's own browser only: a page just unpublished or
    # restricted must not go on being offered from a shared cache.
    patch_cache_control(response, private=True, max_age=60)
    return response
