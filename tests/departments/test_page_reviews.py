"""Owners and review dates: every covered page has an owner of its unit and a next-review
date from its type; a unit's staff see what is due and overdue, mark a page reviewed
without a revision, and owners get a weekly digest."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from about.models import IntroductionPage
from editorial.models import PageReview
from editorial.reviews import add_months
from editorial.tasks import send_review_digests

from ..factories import NewsPageFactory
from ..helpers import refused

TODAY = timezone.localdate()


def publish_introduction(unit, title):
    page = IntroductionPage(title=title, summary="Tóm tắt.", body="<p>Giới thiệu.</p>")
    unit.page.add_child(instance=page)
    page.save_revision(user=unit.editor).publish(user=unit.approver, skip_permission_checks=True)
    return page


@pytest.fixture
def introductions(portal):
    """Each unit's introduction, published; A's is overdue for review."""
    a = publish_introduction(portal.a, "Giới thiệu Bảo tàng")
    b = publish_introduction(portal.b, "Giới thiệu Thư viện bí mật")
    PageReview.objects.filter(page__in=[a, b]).update(
        next_review=TODAY - datetime.timedelta(days=3)
    )
    return a, b


def test_a_published_page_gets_an_owner_of_its_unit_and_its_types_review_date(portal):
    page = publish_introduction(portal.a, "Giới thiệu Bảo tàng")
    plan = PageReview.objects.get(page=page)
    assert plan.owner == portal.a.editor  # who wrote it, a person of the unit
    assert plan.next_review == add_months(TODAY, 12)

    article = NewsPageFactory(parent=portal.a.index, title="Tin mới")
    article.save_revision(user=portal.a.editor).publish(
        user=portal.a.approver, skip_permission_checks=True
    )
    news_plan = PageReview.objects.get(page=article)
    assert news_plan.owner == portal.a.editor and news_plan.next_review is None


def test_unit_staff_see_their_units_due_and_overdue_pages_only(client, portal, introductions):
    a, b = introductions
    soon = publish_introduction(portal.a, "Giới thiệu sắp đến hạn")
    PageReview.objects.filter(page=soon).update(next_review=TODAY + datetime.timedelta(days=10))
    client.force_login(portal.a.editor)
    page = client.get("/admin/editorial/reviews/").content.decode()
    overdue, due = page.split('data-reviews="due"')
    assert "Giới thiệu Bảo tàng" in overdue and "Giới thiệu sắp đến hạn" in due
    assert "Thư viện bí mật" not in page
    assert "Rà soát nội dung" in page  # the menu item, in Vietnamese

    client.force_login(portal.board_member)
    page = client.get("/admin/editorial/reviews/").content.decode()
    assert "Giới thiệu Bảo tàng" in page and "Thư viện bí mật" in page


def test_marking_reviewed_records_who_and_when_with_no_revision(client, portal, introductions):
    a, _b = introductions
    revisions = Revision.objects.filter(object_id=str(a.pk)).count()
    client.force_login(portal.a.approver)
    response = client.post(f"/admin/editorial/reviews/{a.pk}/reviewed/")
    assert response.status_code == 302
    plan = PageReview.objects.get(page=a)
    assert plan.last_reviewed_by == portal.a.approver
    assert timezone.now() - plan.last_reviewed_at < datetime.timedelta(minutes=1)
    assert plan.next_review == add_months(TODAY, 12)
    assert Revision.objects.filter(object_id=str(a.pk)).count() == revisions
    a.refresh_from_db()
    assert a.live and not a.has_unpublished_changes and a.current_workflow_state is None
    entry = PageLogEntry.objects.get(page=a, action="govcms.reviewed")
    assert entry.user == portal.a.approver
    history = client.get(f"/admin/pages/{a.pk}/history/").content.decode()
    assert "Đã rà soát, không thay đổi" in history
    overdue = client.get("/admin/editorial/reviews/").content.decode().split('data-reviews="due"')
    assert "Giới thiệu Bảo tàng" not in overdue[0]


def test_another_units_staff_cannot_review_or_replan_a_page(client, portal, introductions):
    _a, b = introductions
    before = PageReview.objects.filter(page=b).values().get()
    for person in (portal.a.editor, portal.a.approver):
        client.force_login(person)
        assert refused(client.post(f"/admin/editorial/reviews/{b.pk}/reviewed/"))
        assert refused(client.get(f"/admin/editorial/reviews/{b.pk}/plan/"))
        assert refused(
            client.post(
                f"/admin/editorial/reviews/{b.pk}/plan/",
                {"owner": person.pk, "next_review": "01/01/2030"},
            )
        )
    assert PageReview.objects.filter(page=b).values().get() == before
    assert not PageLogEntry.objects.filter(page=b, action__startswith="govcms.review").exists()


def test_the_owner_is_a_person_of_the_unit_and_the_date_is_checked(client, portal, introductions):
    a, _b = introductions
    client.force_login(portal.a.editor)
    url = f"/admin/editorial/reviews/{a.pk}/plan/"
    form = client.get(url).content.decode()
    assert portal.a.approver.username in form and portal.b.editor.username not in form
    response = client.post(url, {"owner": portal.b.editor.pk, "next_review": "01/06/2027"})
    assert "Hãy chọn một người của đơn vị" in response.content.decode()
    response = client.post(url, {"owner": portal.a.approver.pk, "next_review": "31/02/2027"})
    assert "ngày/tháng/năm" in response.content.decode()
    assert PageReview.objects.get(page=a).owner == portal.a.editor

    client.post(url, {"owner": portal.a.approver.pk, "next_review": "01/06/2027"})
    plan = PageReview.objects.get(page=a)
    assert plan.owner == portal.a.approver and plan.next_review == datetime.date(2027, 6, 1)
    assert PageLogEntry.objects.filter(page=a, action="govcms.review_plan").exists()


def test_the_compliance_panel_counts_overdue_pages(client, portal, introductions):
    client.force_login(portal.a.editor)
    dashboard = client.get("/admin/").content.decode()
    assert 'data-overdue-reviews="1"' in dashboard
    assert "1 trang quá hạn rà soát" in dashboard


def test_each_owner_gets_a_weekly_digest_of_their_own_pages(portal, introductions):
    a, b = introductions
    PageReview.objects.filter(page=b).update(next_review=TODAY + datetime.timedelta(days=5))
    mail.outbox.clear()
    assert send_review_digests.call() == 2
    digests = {message.to[0]: message for message in mail.outbox}
    assert set(digests) == {portal.a.editor.email, portal.b.editor.email}
    to_a = digests[portal.a.editor.email]
    assert "Giới thiệu Bảo tàng" in to_a.body and "Thư viện bí mật" not in to_a.body
    assert "Quá hạn" in to_a.body
    assert "Thư viện bí mật" in digests[portal.b.editor.email].body
    assert f"/admin/pages/{a.pk}/edit/" in to_a.body
