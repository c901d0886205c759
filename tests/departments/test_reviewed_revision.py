"""What goes live is the revision the approver reviewed (DESIGN §5.7), by every path."""

import json
from http import HTTPStatus

import pytest
from django.core import mail
from django.db.models.signals import post_save
from wagtail.models import PageLogEntry, Revision, TaskState

from departments.signal_handlers import restart_review
from departments.workflows import REVIEW_RESTARTED
from news.models import NewsPage

from .workflow_helpers import act, act_in_editor, is_live, submit, task_state_of

pytestmark = pytest.mark.django_db

REVIEWED_TITLE = "Bản đã gửi duyệt"


def _fresh(page):
    return NewsPage.objects.get(pk=page.pk)


def _submitted_article(client, portal):
    """Unit A's draft, submitted by its editor with REVIEWED_TITLE; the editor stays signed in."""
    client.force_login(portal.a.editor)
    return submit(client, portal.a.draft_article, title=REVIEWED_TITLE)


def _api_action(client, page, action, **data):
    return client.post(
        f"/admin/api/main/pages/{page.pk}/action/{action}/",
        json.dumps(data),
        content_type="application/json",
    )


def test_approval_publishes_the_reviewed_revision__not_a_later_one(client, module_portal):
    article = _submitted_article(client, module_portal)
    reviewed = task_state_of(article).revision
    # A later revision that, by whatever path, escaped the restart of the review.
    post_save.disconnect(restart_review, sender=Revision, dispatch_uid="restart_review")
    try:
        later = _fresh(article)
        later.title = "Sửa sau khi gửi duyệt"
        later.save_revision(user=module_portal.a.editor)
    finally:
        post_save.connect(restart_review, sender=Revision, dispatch_uid="restart_review")

    client.force_login(module_portal.a.approver)
    act(client, article, "approve")
    article = _fresh(article)
    assert article.live
    assert article.title == REVIEWED_TITLE
    assert article.live_revision_id == reviewed.pk


def test_editor_cannot_revert_through_admin_api_during_review(client, module_portal):
    old = _fresh(module_portal.a.draft_article).latest_revision
    article = _submitted_article(client, module_portal)
    revisions = Revision.page_revisions.filter(object_id=str(article.pk)).count()

    response = _api_action(client, article, "revert_to_page_revision", revision_id=old.pk)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Revision.page_revisions.filter(object_id=str(article.pk)).count() == revisions
    client.force_login(module_portal.a.approver)
    act(client, article, "approve")
    assert _fresh(article).title == REVIEWED_TITLE


@pytest.mark.parametrize("action", ["publish", "unpublish", "delete", "convert_alias"])
def test_editor_cannot_change_a_page_under_review__other_admin_api_actions(
    client, module_portal, action
):
    article = _submitted_article(client, module_portal)
    response = _api_action(client, article, action)
    assert response.status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.BAD_REQUEST)
    article = _fresh(article)
    assert not article.live
    assert article.current_workflow_state is not None


def test_editor_cannot_change_a_page_under_review__revisions_revert_view(client, module_portal):
    from ..helpers import article_form_data

    first = _fresh(module_portal.a.draft_article).latest_revision
    article = _submitted_article(client, module_portal)
    revisions = Revision.page_revisions.filter(object_id=str(article.pk)).count()
    data = article_form_data(first.as_object())
    client.post(f"/admin/pages/{article.pk}/revisions/{first.pk}/revert/", data)
    assert Revision.page_revisions.filter(object_id=str(article.pk)).count() == revisions
    assert task_state_of(article).revision.as_object().title == REVIEWED_TITLE


def test_revision_saved_during_review__sends_it_back_to_the_approvers(client, module_portal):
    article = _submitted_article(client, module_portal)
    first_state = task_state_of(article)
    mail.outbox.clear()

    # Any path that saves a revision: here, a script acting for the editor.
    changed = _fresh(article)
    changed.title = "Bản sửa trong khi chờ duyệt"
    newer = changed.save_revision(user=module_portal.a.editor)

    first_state.refresh_from_db()
    assert first_state.status == TaskState.STATUS_CANCELLED
    restarted = task_state_of(article)
    assert restarted.status == TaskState.STATUS_IN_PROGRESS
    assert restarted.revision_id == newer.pk
    assert PageLogEntry.objects.filter(page=article, action=REVIEW_RESTARTED).exists()
    recipients = {address for message in mail.outbox for address in message.to}
    assert module_portal.a.approver.email in recipients

    # An approval of what the approver saw before is refused; nothing goes live.
    client.force_login(module_portal.a.approver)
    stale = client.post(
        f"/admin/pages/workflow/action/{article.pk}/approve/{first_state.pk}/", {"comment": ""}
    )
    assert stale.status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.FOUND)
    assert not is_live(article)

    act(client, article, "approve")
    article = _fresh(article)
    assert article.live and article.title == "Bản sửa trong khi chờ duyệt"


def test_approval_in_the_editor__refused_when_the_form_predates_a_newer_revision(
    client, module_portal
):
    article = _submitted_article(client, module_portal)
    loaded = _fresh(article).latest_revision
    changed = _fresh(article)
    changed.title = "Bản mới hơn bản lãnh đạo đã mở"
    changed.save_revision(user=module_portal.a.editor)

    client.force_login(module_portal.a.approver)
    response = act_in_editor(client, article, "approve", loaded_revision=loaded)

    # The form comes back as it was sent, with why, rather than a redirect dropping it.
    assert response.status_code == HTTPStatus.OK
    assert "Hãy xem phiên bản mới trước khi phê duyệt" in response.content.decode()
    assert not is_live(article)
    assert _fresh(article).latest_revision.pk == changed.latest_revision.pk
    assert task_state_of(article).status == TaskState.STATUS_IN_PROGRESS
