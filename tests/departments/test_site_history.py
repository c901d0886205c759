"""The site history report: every entry for an administrator (pages' entries read through
``PortalPageLogEntry``, without Wagtail's filter on every page id), the whole portal
for the board, nothing for a unit's people; pages' actions still logged as Wagtail logs
them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, PageLogEntry

from departments.models import PortalPageLogEntry

from .conftest import module_portal  # noqa: F401

pytestmark = pytest.mark.django_db

SITE_HISTORY = "wagtailadmin_reports:site_history"


def history(client, user, **query):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(SITE_HISTORY), query)
    return response, [query["sql"] for query in queries.captured_queries]


def test_pages_are_logged_and_read_through_the_portals_log_model(portal):
    assert log_registry.get_log_model_for_model(Page) is PortalPageLogEntry
    assert PageLogEntry not in log_registry.get_log_entry_models()

    portal.a.live_article.save_revision(user=portal.a.editor, log_action=True)

    entry = PageLogEntry.objects.filter(page=portal.a.live_article, action="wagtail.edit").first()
    assert entry is not None and entry.user == portal.a.editor


def test_administrator__sees_every_entry_deleted_pages_included_without_reading_every_page(
    client, portal
):
    portal.b.draft_article.save_revision(user=portal.b.editor, log_action=True)
    deleted_title = portal.b.draft_article.title
    portal.b.draft_article.delete()  # its entries are kept, marked deleted

    response, queries = history(client, portal.administrator, action="wagtail.edit")

    assert response.status_code == 200
    assert deleted_title in response.text
    # Wagtail's rule read every page id of the portal in each query.
    assert not any('FROM "wagtailcore_page" U0' in sql for sql in queries)
    shown = response.context["object_list"]
    expected = PageLogEntry.objects.filter(action="wagtail.edit").count()
    assert len(shown) == min(expected, 20) and expected > 0


def test_board__sees_the_whole_portal_through_wagtails_rule(client, portal):
    portal.a.live_article.save_revision(user=portal.a.editor, log_action=True)
    portal.b.live_article.save_revision(user=portal.b.editor, log_action=True)

    response, _queries = history(client, portal.board_member, action="wagtail.edit")

    assert response.status_code == 200
    assert portal.a.live_article.title in response.text
    assert portal.b.live_article.title in response.text


def test_unit_people__are_refused_the_site_history(client, portal):
    for user in (portal.a.editor, portal.a.approver):
        response, _queries = history(client, user)
        assert response.status_code == 403
