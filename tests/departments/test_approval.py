"""Nothing a unit editor writes goes live without approval (DESIGN §5.1, §5.4)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState

from news.models import NewsPage

from ..factories import NewsIndexPageFactory, NewsPageFactory
from ..helpers import article_form_data, edit, refused
from .workflow_helpers import act, act_in_editor, is_live, published_by, submit, task_state_of

DIRECT_PUBLISHERS = ["editor", "approver"]


@pytest.mark.parametrize("role", DIRECT_PUBLISHERS)
def test_unit_member_cannot_publish__publish_button(client, portal, role):
    client.force_login(getattr(portal.a, role))
    article = portal.a.draft_article
    edit(client, article, action="publish", title="Tin tự đăng")
    article = NewsPage.objects.get(pk=article.pk)
    assert not article.live
    assert article.live_revision is None


@pytest.mark.parametrize("role", DIRECT_PUBLISHERS)
def test_unit_member_cannot_publish__changes_to_a_live_page(client, portal, role):
    client.force_login(getattr(portal.a, role))
    article = portal.a.live_article
    edit(client, article, action="publish", title="Tiêu đề sửa thẳng")
    assert NewsPage.objects.get(pk=article.pk).title == article.title


@pytest.mark.parametrize("role", DIRECT_PUBLISHERS)
def test_unit_member_cannot_publish__bulk_action(client, portal, role):
    client.force_login(getattr(portal.a, role))
    article = portal.a.draft_article
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={article.pk}", {"include_descendants": ""}
    )
    assert response.status_code in (200, 302, 403)
    assert not is_live(article)


@pytest.mark.parametrize("role", DIRECT_PUBLISHERS)
def test_unit_member_cannot_publish__scheduling(client, portal, role):
    client.force_login(getattr(portal.a, role))
    article = portal.a.draft_article
    go_live = (timezone.now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    edit(client, article, action="publish", go_live_at=go_live)
    assert not is_live(article)
    assert not Revision.page_revisions.filter(
        object_id=str(article.pk), approved_go_live_at__isnull=False
    ).exists()


@pytest.mark.parametrize("role", DIRECT_PUBLISHERS)
def test_unit_member_cannot_publish__reverting_to_an_old_revision(client, portal, role):
    article = NewsPage.objects.get(pk=portal.a.live_article.pk)
    old_revision = article.live_revision
    article.title = "Phiên bản mới đã duyệt"
    article.save_revision(user=portal.a.second_approver).publish(skip_permission_checks=True)

    client.force_login(getattr(portal.a, role))
    revert_url = f"/admin/pages/{article.pk}/revisions/{old_revision.pk}/revert/"
    assert client.get(revert_url).status_code == 200
    data = article_form_data(old_revision.as_object())
    data["action-publish"] = "publish"
    client.post(revert_url, data)
    client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert NewsPage.objects.get(pk=article.pk).title == "Phiên bản mới đã duyệt"


@pytest.mark.parametrize("role", DIRECT_PUBLISHERS)
def test_unit_member_cannot_publish__copying_a_live_page(client, portal, role):
    client.force_login(getattr(portal.a, role))
    article = portal.a.live_article
    client.post(
        f"/admin/pages/{article.pk}/copy/",
        {
            "new_title": "Bản sao tin",
            "new_slug": "ban-sao-tin",
            "new_parent_page": portal.a.index.pk,
            "publish_copies": "on",
        },
    )
    copy = Page.objects.get(slug="ban-sao-tin")
    assert not copy.live


@pytest.mark.parametrize("role", DIRECT_PUBLISHERS)
def test_unit_member_cannot_publish__unpublish_is_refused_too(client, portal, role):
    client.force_login(getattr(portal.a, role))
    assert refused(client.post(f"/admin/pages/{portal.a.live_article.pk}/unpublish/"))
    assert is_live(portal.a.live_article)


def test_no_content_api_is_mounted(client, portal):
    for url in ("/api/v2/pages/", "/api/v3/pages/", "/api/pages/"):
        assert client.get(url).status_code == 404


def test_submit__starts_the_units_workflow_and_emails_its_approvers_only(client, portal):
    client.force_login(portal.a.editor)
    article = submit(client, portal.a.draft_article, title="Tin gửi duyệt")
    state = article.current_workflow_state
    assert state.workflow == portal.a.page.resources.workflow
    assert state.requested_by == portal.a.editor
    assert not article.live
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {portal.a.approver.email, portal.a.second_approver.email}
    assert any("Tin gửi duyệt" in message.subject for message in mail.outbox)


def test_submit__superusers_are_not_emailed(client, portal):
    client.force_login(portal.a.editor)
    submit(client, portal.a.draft_article)
    recipients = {address for message in mail.outbox for address in message.to}
    assert portal.administrator.email not in recipients


def test_approve__publishes_in_the_approvers_name(client, portal):
    client.force_login(portal.a.editor)
    article = submit(client, portal.a.draft_article, title="Tin được duyệt")
    mail.outbox.clear()

    client.force_login(portal.a.approver)
    response = act(client, article, "approve")
    assert response.status_code == 302
    article = NewsPage.objects.get(pk=article.pk)
    assert article.live and article.title == "Tin được duyệt"
    assert published_by(article) == portal.a.approver
    assert article.current_workflow_state is None
    assert [message.to for message in mail.outbox] == [[portal.a.editor.email]]


def test_reject__returns_the_draft_with_the_comment_and_tells_the_editor(client, portal):
    client.force_login(portal.a.editor)
    article = submit(client, portal.a.draft_article, title="Tin cần sửa")
    mail.outbox.clear()

    client.force_login(portal.a.approver)
    act(client, article, "reject", comment="Bổ sung nguồn tin")
    article = NewsPage.objects.get(pk=article.pk)
    assert not article.live
    assert article.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert article.get_latest_revision_as_object().title == "Tin cần sửa"
    assert [message.to for message in mail.outbox] == [[portal.a.editor.email]]
    assert "Bổ sung nguồn tin" in mail.outbox[0].body

    client.force_login(portal.a.editor)
    response = client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    assert "Bổ sung nguồn tin" in response.content.decode()


def test_other_units_approver_cannot_approve(client, portal):
    client.force_login(portal.a.editor)
    article = submit(client, portal.a.draft_article)
    client.force_login(portal.b.approver)
    assert refused(act(client, article, "approve"))
    assert not is_live(article)


def test_editor_cannot_approve(client, portal):
    client.force_login(portal.a.editor)
    article = submit(client, portal.a.draft_article)
    client.force_login(portal.a.editor)
    assert refused(act(client, article, "approve"))
    act_in_editor(client, article, "approve")
    assert not is_live(article)


def test_board_can_approve_in_any_unit_but_publishes_directly_only_outside_units(client, portal):
    client.force_login(portal.b.editor)
    article = submit(client, portal.b.draft_article)
    client.force_login(portal.board_member)
    act(client, article, "approve")
    assert is_live(article)
    assert published_by(article) == portal.board_member

    # Inside a unit, only with a reason (test_force_publish.py).
    edit(client, portal.a.draft_article, action="publish", title="Ban biên tập đăng")
    assert not is_live(portal.a.draft_article)

    notice = portal_notice(portal)
    edit(client, notice, action="publish", title="Thông báo của Sở")
    assert Page.objects.get(pk=notice.pk).live


def test_administrator_publishes_directly_only_outside_units(client, portal):
    client.force_login(portal.administrator)
    edit(client, portal.b.draft_article, action="publish")
    assert not is_live(portal.b.draft_article)

    notice = portal_notice(portal)
    edit(client, notice, action="publish", title="Thông báo của Sở")
    assert Page.objects.get(pk=notice.pk).live
    assert published_by(notice) == portal.administrator


def portal_notice(portal):
    """A draft of the department's own, under the home page (outside every unit)."""
    index = NewsIndexPageFactory(parent=portal.home, title="Tin của Sở", slug="tin-cua-so")
    notice = NewsPageFactory(parent=index, title="Bản nháp của Sở", live=False)
    notice.save_revision()
    return notice


def test_every_step_is_in_the_audit_log(client, portal):
    client.force_login(portal.a.editor)
    article = submit(client, portal.a.draft_article)
    client.force_login(portal.a.approver)
    act(client, article, "approve")
    logged = {(entry.action, entry.user_id) for entry in PageLogEntry.objects.filter(page=article)}
    assert ("wagtail.workflow.start", portal.a.editor.pk) in logged
    assert ("wagtail.workflow.approve", portal.a.approver.pk) in logged
    assert ("wagtail.publish", portal.a.approver.pk) in logged
    assert task_state_of(article) is None
