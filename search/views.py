import re

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page, Site

from departments.models import DepartmentPage
from govcms.text import transliterate

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
NON_WORD = re.compile(r"[\W_]+")
MAX_ID = 2**31 - 1  # the largest page id the database can hold


def clean_query(raw):
    """The words of a query, folded like the index: no diacritics, no punctuation, no
    control characters and no search syntax (quotes or operators a backend could choke on),
    at most MAX_QUERY_LENGTH characters."""
    words = NON_WORD.sub(" ", transliterate(raw[: MAX_QUERY_LENGTH * 4])).split()
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def search(request):
    """Live pages matching the query, diacritics and case ignored, optionally in one unit."""
    query = clean_query(request.GET.get("q", ""))
    site = Site.find_for_request(request)
    units = DepartmentPage.objects.live().public().order_by("path")
    unit = None
    unit_id = request.GET.get("don-vi", "")
    if unit_id.isdigit() and int(unit_id) <= MAX_ID:
        unit = units.filter(pk=unit_id).first()

    results_page = None
    if query:
        pages = Page.objects.live().public().specific()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        if unit is not None:
            pages = pages.descendant_of(unit, inclusive=True)
        results = pages.search(query, operator="and")
        results_page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))

    return render(
        request,
        "search/search.html",
        {
            "query": request.GET.get("q", "")[:MAX_QUERY_LENGTH],
            "results_page": results_page,
            "units": units,
            "unit": unit,
        },
    )
