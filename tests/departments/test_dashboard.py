"""The admin home tells each person, in Vietnamese, what waits for them."""

from bs4 import BeautifulSoup

from .workflow_helpers import act, submit

AWAITING = "Đang chờ bạn duyệt"
MINE = "Trang và mẩu nội dung của bạn trong quy trình duyệt"


def panel(client, heading):
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    for section in soup.find_all("section"):
        title = section.find(["h2", "h3"])
        if title is not None and heading in title.get_text(" ", strip=True):
            return " ".join(section.get_text(" ", strip=True).split())
    return None


def test_approver_sees_what_waits_in_their_unit(client, portal):
    client.force_login(portal.a.editor)
    submit(client, portal.a.draft_article, title="Tin chờ duyệt BTT")
    client.force_login(portal.b.editor)
    submit(client, portal.b.draft_article, title="Tin chờ duyệt TVT")

    client.force_login(portal.a.approver)
    waiting = panel(client, AWAITING)
    assert "Tin chờ duyệt BTT" in waiting
    assert "Tin chờ duyệt TVT" not in waiting
    assert "Phê duyệt" in waiting and "Yêu cầu chỉnh sửa" in waiting


def test_approver_is_not_shown_their_own_submission_to_approve(client, portal):
    client.force_login(portal.a.approver)
    submit(client, portal.a.draft_article, title="Tin lãnh đạo tự viết")
    assert "Tin lãnh đạo tự viết" not in (panel(client, AWAITING) or "")
    assert "Tin lãnh đạo tự viết" in panel(client, MINE)


def test_editor_sees_the_state_of_their_submissions(client, portal):
    client.force_login(portal.a.editor)
    submit(client, portal.a.draft_article, title="Tin đang chờ")
    submit(client, portal.a.live_article, title="Tin bị trả lại")
    client.force_login(portal.a.approver)
    act(client, portal.a.live_article, "reject", comment="Thiếu ảnh")

    client.force_login(portal.a.editor)
    mine = panel(client, MINE)
    assert "Tin đang chờ" in mine and "Đang chờ" in mine
    assert "Tin bị trả lại" in mine and "Đã yêu cầu chỉnh sửa" in mine
    assert panel(client, AWAITING) is None
