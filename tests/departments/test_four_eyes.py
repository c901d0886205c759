"""Nothing goes live on the word of one person of a unit (DESIGN §5.3)."""

from django.test import override_settings

from news.models import NewsPage

from ..helpers import edit, refused
from .workflow_helpers import act, act_in_editor, is_live, submit

APPROVE_BUTTON = 'data-workflow-action-name="approve"'


def test_approver_who_submitted__is_not_offered_approval(client, portal):
    client.force_login(portal.a.approver)
    article = submit(client, portal.a.draft_article, title="Tin của lãnh đạo")
    page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f"/admin/pages/{article.pk}/edit/" in page
    assert APPROVE_BUTTON not in page
    dashboard = client.get("/admin/").content.decode()
    assert f"/admin/pages/workflow/action/{article.pk}/approve/" not in dashboard


def test_approver_who_submitted__is_refused_at_the_action_url(client, portal):
    client.force_login(portal.a.approver)
    article = submit(client, portal.a.draft_article)
    assert refused(act(client, article, "approve"))
    act_in_editor(client, article, "approve")
    assert not is_live(article)
    assert NewsPage.objects.get(pk=article.pk).current_workflow_state is not None


def test_approver_who_submitted__cannot_publish_directly(client, portal):
    client.force_login(portal.a.approver)
    article = submit(client, portal.a.draft_article)
    edit(client, article, action="publish")
    assert not is_live(article)


def test_another_approver__approves_an_approvers_draft(client, portal):
    client.force_login(portal.a.approver)
    article = submit(client, portal.a.draft_article)
    client.force_login(portal.a.second_approver)
    page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert APPROVE_BUTTON in page
    act(client, article, "approve")
    assert is_live(article)


def test_approver_who_edited_the_draft_under_review__cannot_approve_it(client, portal):
    client.force_login(portal.a.editor)
    article = submit(client, portal.a.draft_article)
    client.force_login(portal.a.approver)
    edit(client, article, title="Lãnh đạo sửa trong khi duyệt")
    assert refused(act(client, article, "approve"))
    assert not is_live(article)
    client.force_login(portal.a.second_approver)
    act(client, article, "approve")
    article = NewsPage.objects.get(pk=article.pk)
    assert article.live and article.title == "Lãnh đạo sửa trong khi duyệt"


def test_board_member_who_submitted__cannot_approve_it_either(client, portal):
    client.force_login(portal.board_member)
    article = submit(client, portal.b.draft_article)
    assert refused(act(client, article, "approve"))
    assert not is_live(article)


@override_settings(GOVCMS_FOUR_EYES=False)
def test_four_eyes_setting_off__submitter_may_approve(client, portal):
    client.force_login(portal.a.approver)
    article = submit(client, portal.a.draft_article)
    act(client, article, "approve")
    assert is_live(article)


def test_task_refuses_the_submitters_approval_even_when_called_directly(client, portal):
    import pytest
    from django.core.exceptions import PermissionDenied

    client.force_login(portal.a.approver)
    article = submit(client, portal.a.draft_article)
    state = NewsPage.objects.get(pk=article.pk).current_workflow_task_state
    with pytest.raises(PermissionDenied):
        state.task.specific.on_action(state, portal.a.approver, "approve")
    assert not is_live(article)
