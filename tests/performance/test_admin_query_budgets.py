"""The admin's everyday screens cost the same number of queries whatever the number of
articles: for a unit's editor and for an administrator, with 110 articles in the unit's
news list and with 200 (issue 21). A news list's explorer and the page chooser show 25
rows a screen: their fifth screens are partly filled with the smaller list and full with
the larger, so that a query per row shows as a difference. Each measured screen of the
explorer begins with an article with changes not yet published, whose menu asks once per
request whether the user is on the board (editorial.forcing): both lists' screens hold
one."""

import random

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from compliance.signal_handlers import forget_panels
from editorial.models import PageViews
from home.scale import TOPICS, seed_index
from news.models import NewsPage, NewsTag

from ..departments.conftest import module_portal  # noqa: F401 (the two-unit portal)
from ..departments.workflow_helpers import submit
from ..helpers import rolled_back

SMALL, LARGE = 110, 200
EXPLORER_SCREEN, ROWS = 5, 25


def add_articles(portal, count):
    """Live articles in unit A's news list until it holds ``count``, written as seed_scale
    writes them, each with its publication in the history and a view today."""
    index = portal.a.index
    before = set(NewsPage.objects.child_of(index).values_list("pk", flat=True))
    tags = {name: NewsTag.objects.get_or_create(name=name)[0] for name in TOPICS}
    seed_index(index, count - len(before), random.Random(count), tags)
    added = NewsPage.objects.child_of(index).exclude(pk__in=before)
    content_type = ContentType.objects.get_for_model(NewsPage)
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            page_id=page.pk,
            content_type=content_type,
            label=page.title,
            action="wagtail.publish",
            user=portal.a.editor,
            timestamp=timezone.now(),
        )
        for page in added
    )
    PageViews.objects.bulk_create(
        PageViews(page_id=page.pk, day=timezone.localdate(), views=3) for page in added
    )


def edit_first_of_screen(portal):
    """Unpublished changes on the first article of the explorer's measured screens (the
    list is shown newest first)."""
    articles = NewsPage.objects.child_of(portal.a.index).order_by("-date", "-pk")
    for start in (0, (EXPLORER_SCREEN - 1) * ROWS):
        article = articles[start]
        article.title += " (đang sửa)"
        article.save_revision(user=portal.a.editor)


def screens(portal):
    index, article = portal.a.index, portal.a.live_article
    explore = reverse("wagtailadmin_explore", args=[index.pk])
    choose = reverse("wagtailadmin_choose_page_child", args=[index.pk])
    return {
        "dashboard": ("/admin/", True),
        "explorer": (explore, True),
        "explorer, fifth screen": (explore + f"?p={EXPLORER_SCREEN}", True),
        "page chooser": (choose, True),
        "page chooser, fifth screen": (choose + "?p=5", True),
        "edit form": (reverse("wagtailadmin_pages:edit", args=[article.pk]), True),
        "images": (reverse("wagtailimages:index"), True),
        "aging pages": (reverse("wagtailadmin_reports:aging_pages"), True),
        "statistics": (reverse("editorial:statistics"), True),
        "royalties": (reverse("editorial:royalties"), True),
        "content review": (reverse("editorial:reviews"), True),
        # The whole portal's reports: refused to a unit's people (departments.middleware).
        "site history": (reverse("wagtailadmin_reports:site_history"), False),
        "locked pages": (reverse("wagtailadmin_reports:locked_pages"), False),
    }


def count_queries(client, url, warm_up):
    if warm_up:
        client.get(url)  # per-process caches (content types, site root paths), once
    forget_panels()  # the dashboard's panel drawn, not read from the cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def measure(client, portal, warm_up=False):
    people = {"editor": portal.a.editor, "administrator": portal.administrator}
    counts = {}
    for who, user in people.items():
        client.force_login(get_user_model().objects.get(pk=user.pk))
        for view, (url, for_unit_people) in screens(portal).items():
            if for_unit_people or user.is_superuser:
                counts[(who, view)] = count_queries(client, url, warm_up)
    return counts


@pytest.fixture(scope="module")
def counts(module_portal, django_db_blocker):  # noqa: F811
    """The queries of every screen with the small list and with the large one, measured
    once for the module, in its own transaction."""
    from django.test import Client

    with rolled_back(django_db_blocker):
        client = Client()
        client.force_login(module_portal.a.editor)
        # A page under review, so that the dashboard's panels and the rows' status show it.
        submit(client, module_portal.a.draft_article, title="Bản nháp chờ duyệt")
        add_articles(module_portal, SMALL)
        edit_first_of_screen(module_portal)
        small = measure(client, module_portal, warm_up=True)
        add_articles(module_portal, LARGE)
        edit_first_of_screen(module_portal)
        large = measure(client, module_portal)
        yield small, large


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["editor", "administrator"])
def test_admin_screens__same_queries_with_110_and_200_articles(counts, who):
    small, large = counts
    small = {view: count for (person, view), count in small.items() if person == who}
    large = {view: count for (person, view), count in large.items() if person == who}
    assert large == small
