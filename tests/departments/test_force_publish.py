"""Force-publish, the accountable way (DESIGN §5.10): only the board, only with a reason,
in the page's history, e-mailed to the rest of the board, and queued until another board
member reviews it."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import PageLogEntry

from editorial.models import ForcedPublication
from news.models import NewsPage

from ..factories import NewsPageFactory
from ..helpers import edit, refused
from .workflow_helpers import is_live, submit

REASON = "Thông báo khẩn của UBND tỉnh về phòng chống bão số 3, cần đăng ngay trong đêm."


def url(page):
    return f"/admin/editorial/force-publish/{page.pk}/"


@pytest.fixture
def second_board_member(portal, django_user_model):
    user = django_user_model.objects.create_user(
        "bbt_pho", email="bbt_pho@example.vn", password="mat-khau-thu"
    )
    user.groups.add(Group.objects.get(name="Ban biên tập cổng"))
    return user


@pytest.fixture
def forced(client, portal, second_board_member):
    """The unit's draft, force-published by the board member."""
    client.force_login(portal.board_member)
    response = client.post(url(portal.a.draft_article), {"reason": REASON})
    assert response.status_code == 302
    return ForcedPublication.objects.get(page=portal.a.draft_article)


def test_the_board_cannot_publish_a_units_page_without_a_reason(client, portal):
    client.force_login(portal.board_member)
    editor = client.get(f"/admin/pages/{portal.a.draft_article.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in editor  # Wagtail's own button is gone in units
    assert url(portal.a.draft_article) in editor  # the accountable one is offered
    edit(client, portal.a.draft_article, action="publish")
    assert not is_live(portal.a.draft_article)

    response = client.post(url(portal.a.draft_article), {"reason": "  "})
    assert response.status_code == 200
    assert "Hãy ghi lý do" in response.content.decode()
    response = client.post(url(portal.a.draft_article), {"reason": "gấp"})
    assert "ít nhất 10 ký tự" in response.content.decode()
    assert not is_live(portal.a.draft_article)
    assert not ForcedPublication.objects.exists()


def test_a_forced_publication_is_live_in_the_history_and_mailed_to_the_other_board_members(
    client, portal, forced, second_board_member
):
    assert is_live(portal.a.draft_article)
    assert forced.published_by == portal.board_member and forced.reason == REASON
    entry = PageLogEntry.objects.get(page=portal.a.draft_article, action="govcms.force_publish")
    assert entry.user == portal.board_member and entry.data["reason"] == REASON
    history = client.get(f"/admin/pages/{portal.a.draft_article.pk}/history/").content.decode()
    assert "Xuất bản không qua duyệt" in history and "bão số 3" in history

    [message] = [m for m in mail.outbox if "không qua duyệt" in m.subject]
    assert message.to == [second_board_member.email]  # not the publisher
    assert "bão số 3" in message.body and f"/review/{forced.pk}/" in message.body


def test_the_queue_shows_each_item_with_its_age_to_the_board_only(
    client, portal, forced, second_board_member
):
    client.force_login(second_board_member)
    dashboard = client.get("/admin/").content.decode()
    assert "Đã xuất bản không qua duyệt: cần xem lại" in dashboard
    assert f'data-forced="{forced.pk}"' in dashboard
    assert "phút" in dashboard  # its age: "0 phút"
    for person in (portal.a.editor, portal.a.approver, portal.b.approver):
        client.force_login(person)
        assert f'data-forced="{forced.pk}"' not in client.get("/admin/").content.decode()


def test_the_publisher_cannot_clear_their_own_item(client, portal, forced):
    client.force_login(portal.board_member)
    page = client.get(f"/admin/editorial/force-publish/review/{forced.pk}/").content.decode()
    assert "một thành viên khác của ban biên tập phải xem lại" in page
    response = client.post(
        f"/admin/editorial/force-publish/review/{forced.pk}/", {"outcome": "accepted"}
    )
    assert refused(response)
    assert ForcedPublication.objects.waiting().filter(pk=forced.pk).exists()


def test_another_board_member_accepts_and_the_item_leaves_the_queue(
    client, portal, forced, second_board_member
):
    client.force_login(second_board_member)
    response = client.post(
        f"/admin/editorial/force-publish/review/{forced.pk}/", {"outcome": "accepted"}
    )
    assert response.status_code == 302
    forced.refresh_from_db()
    assert forced.reviewed_by == second_board_member and forced.outcome == "accepted"
    assert not ForcedPublication.objects.waiting().exists()
    assert PageLogEntry.objects.filter(
        page=portal.a.draft_article,
        action="govcms.force_publish.accepted",
        user=second_board_member,
    ).exists()
    assert f'data-forced="{forced.pk}"' not in client.get("/admin/").content.decode()


def test_sending_back_needs_a_comment_which_goes_to_the_publisher(
    client, portal, forced, second_board_member
):
    client.force_login(second_board_member)
    review = f"/admin/editorial/force-publish/review/{forced.pk}/"
    response = client.post(review, {"outcome": "sent_back", "comment": ""})
    assert "Hãy nói rõ cần sửa gì" in response.content.decode()
    assert ForcedPublication.objects.waiting().exists()

    mail.outbox.clear()
    client.post(review, {"outcome": "sent_back", "comment": "Thiếu số hiệu văn bản của UBND."})
    forced.refresh_from_db()
    assert forced.outcome == "sent_back"
    [message] = mail.outbox
    assert message.to == [portal.board_member.email]
    assert "Thiếu số hiệu văn bản" in message.body
    assert PageLogEntry.objects.filter(
        page=portal.a.draft_article, action="govcms.force_publish.sent_back"
    ).exists()


def test_force_publishing_cancels_the_review_in_progress(client, portal):
    client.force_login(portal.a.editor)
    article = submit(client, portal.a.draft_article, title="Tin đang chờ duyệt")
    client.force_login(portal.board_member)
    client.post(url(article), {"reason": REASON})
    article = NewsPage.objects.get(pk=article.pk)
    assert article.live and article.title == "Tin đang chờ duyệt"
    assert article.current_workflow_state is None


def test_unit_staff_never_see_or_reach_the_action(client, portal):
    page = portal.a.draft_article
    for person in (portal.a.editor, portal.a.approver, portal.b.approver):
        client.force_login(person)
        editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert url(page) not in editor
        listing = client.get(f"/admin/pages/{portal.a.index.pk}/").content.decode()
        assert url(page) not in listing
        assert refused(client.get(url(page)))
        assert refused(client.post(url(page), {"reason": REASON}))
        assert refused(client.get("/admin/editorial/force-publish/review/1/"))
    assert not is_live(page)


def test_every_other_publishing_path_is_closed_to_the_board_inside_units(client, portal):
    client.force_login(portal.board_member)
    page = portal.a.draft_article
    # The admin API's publish action, and the bulk publish action.
    api = client.post(f"/admin/api/main/pages/{page.pk}/action/publish/")
    assert api.status_code in (403, 404)
    client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}",
        {"include_descendants": ""},
    )
    # Reverting to a revision and publishing it.
    edit(client, page, action="publish", revision=page.latest_revision.pk)
    assert not is_live(page)
    assert not ForcedPublication.objects.exists()
    # Outside units, the board publishes the department's own pages as before.
    assert portal.home.permissions_for_user(portal.board_member).can_publish()
    assert not portal.a.page.permissions_for_user(portal.board_member).can_publish()
    assert portal.a.live_article.permissions_for_user(portal.board_member).can_unpublish()


def test_the_mail_shows_the_reason_and_title_as_written(client, portal, second_board_member):
    client.force_login(portal.board_member)
    edit(client, portal.a.draft_article, title="Thông báo “khẩn” & gấp")
    reason = "Lệnh của UBND tỉnh: 'đăng ngay' & <không chờ duyệt>."
    client.post(url(portal.a.draft_article), {"reason": reason})
    [message] = [m for m in mail.outbox if "không qua duyệt" in m.subject]
    assert "Thông báo “khẩn” & gấp" in message.subject
    assert reason in message.body


def test_a_page_without_a_revision_has_nothing_to_force_publish(client, portal):
    page = NewsPageFactory(parent=portal.a.index, title="Bài nhập từ hệ thống cũ", live=False)
    NewsPage.objects.filter(pk=page.pk).update(has_unpublished_changes=True)
    client.force_login(portal.board_member)
    assert client.get(url(page)).status_code == 302
    assert client.post(url(page), {"reason": REASON}).status_code == 302
    assert not is_live(page)


def test_nobody_brings_live_content_into_a_unit_by_moving_it(client, portal):
    notice = NewsPageFactory(parent=portal.home, title="Tin của Sở đã đăng")
    notice.save_revision().publish()
    for person in (portal.administrator, portal.board_member):
        client.force_login(person)
        client.post(f"/admin/pages/{notice.pk}/move/{portal.a.index.pk}/confirm/")
        client.post(
            f"/admin/bulk/wagtailcore/page/move/?id={notice.pk}",
            {"chooser": portal.a.index.pk, "move_applicable": "on"},
        )
        client.post(f"/admin/pages/{portal.b.live_article.pk}/move/{portal.a.index.pk}/confirm/")
    assert NewsPage.objects.get(pk=notice.pk).get_parent().pk == portal.home.pk
    assert NewsPage.objects.get(pk=portal.b.live_article.pk).get_parent().pk == portal.b.index.pk
