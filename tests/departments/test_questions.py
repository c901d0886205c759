"""Citizens' questions (questions/): asked without an account behind three spam
defences, seen only by the unit's staff, answered through the unit's approval, told by
e-mail at each step, published without the asker's contacts, and purged of personal data
after the time the settings give."""

import datetime
import itertools
import time

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.core.management import CommandError, call_command
from django.utils import timezone

from compliance.report import BEHIND, OK, unit_reports
from questions.forms import SIGNING_SALT
from questions.models import AnswerPage, Question, QuestionIndexPage, Status

from .workflow_helpers import act

pytestmark = pytest.mark.django_db

ADDRESSES = (f"198.51.100.{number}" for number in itertools.count(1))


@pytest.fixture
def lists(portal):
    made = {}
    for name in ("a", "b"):
        index = QuestionIndexPage(title="Hỏi đáp", slug="hoi-dap")
        getattr(portal, name).page.add_child(instance=index)
        made[name] = index
    return made


def signed(seconds_ago=10):
    return signing.dumps(time.time() - seconds_ago, salt=SIGNING_SALT)


def ask_data(question_list, **overrides):
    return {
        "index": question_list.pk,
        "name": "Nguyễn Thị Hỏi",
        "email": "nguoi-hoi@example.com",
        "phone": "0912 345 678",
        "subject": "Giờ mở cửa ngày lễ",
        "body": "Đơn vị có mở cửa vào ngày lễ không?",
        "website": "",
        "started": signed(),
        **overrides,
    }


def ask(client, question_list, address=None, **overrides):
    return client.post(
        f"{question_list.url}gui-cau-hoi/",
        ask_data(question_list, **overrides),
        REMOTE_ADDR=address or next(ADDRESSES),
    )


def question_for(index, **fields):
    return Question.objects.create(
        index=index,
        name="Trần Văn Hỏi",
        email="hoi@example.com",
        phone="0987 654 321",
        subject=fields.pop("subject", "Thẻ thư viện"),
        body=fields.pop("body", "Làm thẻ cần giấy tờ gì?"),
        **fields,
    )


def test_asking__needs_no_account_gives_a_reference_and_tells_both_sides(
    client, portal, lists, django_capture_on_commit_callbacks
):
    form = client.get(f"{lists['a'].url}gui-cau-hoi/")
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"]  # the form carries a signed time and a token
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, lists["a"])
    assert response.status_code == 200
    question = Question.objects.get()
    assert question.index == lists["a"] and question.status == Status.NEW
    assert question.reference in response.content.decode()
    to_citizen, to_staff = mail.outbox
    assert to_citizen.to == ["nguoi-hoi@example.com"]
    assert question.reference in to_citizen.subject + to_citizen.body
    assert "Giờ mở cửa ngày lễ" in to_citizen.body
    assert portal.a.editor.email in to_staff.to and portal.a.approver.email in to_staff.to
    assert portal.b.editor.email not in to_staff.to
    assert f"/admin/questions_question/inspect/{question.pk}/" in to_staff.body


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"website": "http://spam.example"}, "honeypot"),
        ({"started": 0}, "too fast"),
        ({"started": 3 * 86400}, "too late"),
        ({"started": "1700000000.0:forged"}, "forged"),
        ({"started": ""}, "missing"),
    ],
)
def test_spam_defences__refuse_but_keep_what_was_typed(client, portal, lists, overrides, reason):
    if isinstance(overrides.get("started"), int):  # seconds ago, signed when the test runs
        overrides = {"started": signed(seconds_ago=overrides["started"])}
    response = ask(client, lists["a"], **overrides)
    assert response.status_code == 400, reason
    assert not Question.objects.exists()
    assert mail.outbox == []
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_subject")["value"] == "Giờ mở cửa ngày lễ"
    assert soup.select_one("#id_body").get_text().strip() == "Đơn vị có mở cửa vào ngày lễ không?"
    assert soup.select_one("input[name=website]")["value"] == ""
    # The form comes back with a fresh signed time: the person can send it again.
    retry = soup.select_one("input[name=started]")["value"]
    assert signing.loads(retry, salt=SIGNING_SALT) > time.time() - 60


def test_rate_limit__a_vietnamese_429_for_one_address_others_unaffected(
    client, portal, lists, settings
):
    settings.GOVCMS_QUESTIONS_PER_HOUR = 2
    address = next(ADDRESSES)
    for number in range(2):
        assert ask(client, lists["a"], address, subject=f"Câu {number}").status_code == 200
    refused = ask(client, lists["a"], address, subject="Câu thứ ba")
    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert "Có quá nhiều câu hỏi" in refused.content.decode()
    assert "Câu thứ ba" in refused.content.decode()  # kept in the form
    assert Question.objects.count() == 2
    assert ask(client, lists["a"], next(ADDRESSES), subject="Người khác").status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"body": "x" * 5001}, "body"),
        ({"subject": "y" * 201}, "subject"),
        ({"email": "khong-phai-email"}, "email"),
        ({"phone": "gọi tôi nhé"}, "phone"),
        ({"index": "abc"}, "index"),
        ({"index": "999999"}, "index"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_input__a_clear_message_never_a_500(client, portal, lists, overrides, field):
    response = ask(client, lists["a"], **overrides)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(f"#id_{field}-error"), field
    assert soup.select_one(f"#id_{field}")["aria-invalid"] == "true"
    assert not Question.objects.exists()


def test_a_question_to_a_list_not_live__is_refused(client, portal, lists):
    hidden = QuestionIndexPage.objects.get(pk=lists["b"].pk)
    hidden.unpublish()
    response = ask(client, lists["a"], index=hidden.pk)
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_hostile_text__is_shown_inert_to_staff_and_the_public(client, portal, lists):
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    assert ask(client, lists["a"], subject=script, body=script).status_code == 200
    question = Question.objects.get()
    assert question.subject == script  # kept as typed, shown as text
    client.force_login(portal.a.editor)
    for url in ("/admin/questions_question/", f"/admin/questions_question/inspect/{question.pk}/"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_staff__see_only_their_units_questions(client, portal, lists):
    own = question_for(lists["a"], subject="Câu hỏi gửi đơn vị A")
    other = question_for(lists["b"], subject="Câu hỏi gửi đơn vị B")
    client.force_login(portal.a.editor)
    listing = client.get("/admin/questions_question/").content.decode()
    assert "Câu hỏi gửi đơn vị A" in listing and "Câu hỏi gửi đơn vị B" not in listing
    assert client.get(f"/admin/questions_question/inspect/{own.pk}/").status_code == 200
    for url in (
        f"/admin/questions_question/inspect/{other.pk}/",
        f"/admin/questions_question/edit/{other.pk}/",
        f"/admin/questions_question/history/{other.pk}/",
        f"/admin/questions_question/delete/{other.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "đơn vị B" not in response.content.decode()
    assert client.post(f"/admin/questions_question/answer/{other.pk}/").status_code == 404
    assert client.post(
        f"/admin/questions_question/edit/{other.pk}/", {"refusal_reason": "Không"}
    ).status_code in (302, 403, 404)
    other.refresh_from_db()
    assert other.status == Status.NEW and not AnswerPage.objects.exists()
    client.force_login(portal.board_member)
    listing = client.get("/admin/questions_question/").content.decode()
    assert "đơn vị A" in listing and "đơn vị B" in listing


def test_listing__shows_status_and_age_late_ones_marked(client, portal, lists, settings):
    settings.GOVCMS_QUESTIONS_ANSWER_DAYS = 15
    question_for(lists["a"], subject="Câu cũ", created_at=timezone.now() - datetime.timedelta(20))
    question_for(lists["a"], subject="Câu mới")
    client.force_login(portal.a.editor)
    soup = BeautifulSoup(client.get("/admin/questions_question/").content, "html.parser")
    rows = {
        row.select_one("td:nth-of-type(2)").get_text(strip=True): row
        for row in soup.select("tbody tr")
    }
    assert "20" in rows["Câu cũ"].get_text() and "trễ" in rows["Câu cũ"].get_text()
    assert "Mới" in rows["Câu mới"].get_text()
    soup = BeautifulSoup(client.get("/admin/questions_question/?late=true").content, "html.parser")
    subjects = [
        row.select_one("td:nth-of-type(2)").get_text(strip=True) for row in soup.select("tbody tr")
    ]
    assert subjects == ["Câu cũ"]


def test_refusing__needs_a_reason_and_tells_the_citizen(
    client, portal, lists, django_capture_on_commit_callbacks
):
    question = question_for(lists["a"])
    client.force_login(portal.a.editor)
    url = f"/admin/questions_question/edit/{question.pk}/"
    assert client.post(url, {"refusal_reason": ""}).status_code == 200
    question.refresh_from_db()
    assert question.status == Status.NEW
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"refusal_reason": "Câu hỏi không thuộc lĩnh vực của đơn vị."})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Status.REFUSED and question.closed_at
    (notice,) = mail.outbox
    assert notice.to == ["hoi@example.com"]
    assert "không thuộc lĩnh vực" in notice.body


def test_answering__goes_through_approval_then_tells_the_citizen_and_shows_no_contacts(
    client, portal, lists, django_capture_on_commit_callbacks
):
    question = question_for(lists["a"], subject="Giờ mở cửa", body="Thư viện mở lúc mấy giờ?")
    client.force_login(portal.a.editor)
    response = client.post(f"/admin/questions_question/answer/{question.pk}/")
    page = AnswerPage.objects.get(question=question)
    assert response.url == f"/admin/pages/{page.pk}/edit/"
    assert page.get_parent().pk == lists["a"].pk and not page.live
    question.refresh_from_db()
    assert question.status == Status.ANSWERING
    # Going back to the question's "answer" opens the same draft.
    again = client.post(f"/admin/questions_question/answer/{question.pk}/")
    assert again.url == response.url and AnswerPage.objects.count() == 1

    mail.outbox.clear()
    submitted = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            "title": page.title,
            "slug": page.slug,
            "asked_on": page.asked_on.isoformat(),
            "question_text": page.question_text,
            "answer": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Thư viện mở cửa '
            'từ 7 giờ 30.", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], '
            '"entityMap": {}}',
            "answered_by": "Phòng Phục vụ bạn đọc",
            "action-submit": "submit",
        },
    )
    assert submitted.status_code == 302
    assert not AnswerPage.objects.get(pk=page.pk).live
    assert all("hoi@example.com" not in message.to for message in mail.outbox)
    client.force_login(portal.a.approver)
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, page, "approve").status_code == 302
    page.refresh_from_db()
    assert page.live
    question.refresh_from_db()
    assert question.status == Status.ANSWERED
    (told,) = [message for message in mail.outbox if message.to == ["hoi@example.com"]]
    assert page.url in told.body

    client.logout()
    listing = client.get(lists["a"].url).content.decode()
    shown = client.get(page.url).content.decode()
    assert "Giờ mở cửa" in listing and "Thư viện mở cửa từ 7 giờ 30" in shown
    for secret in ("hoi@example.com", "0987 654 321", "Trần Văn Hỏi"):
        assert secret not in listing and secret not in shown


def test_purge__erases_personal_data_after_the_set_time_and_keeps_the_question(
    portal, lists, settings
):
    settings.GOVCMS_QUESTIONS_KEEP_PERSONAL_DAYS = 30
    long_ago = timezone.now() - datetime.timedelta(days=31)
    old = question_for(lists["a"], status=Status.ANSWERED, closed_at=long_ago)
    recent = question_for(lists["a"], status=Status.REFUSED, closed_at=timezone.now())
    still_open = question_for(lists["a"], created_at=long_ago)
    call_command("purge_question_data", "--dry-run")
    assert Question.objects.get(pk=old.pk).email == "hoi@example.com"
    call_command("purge_question_data")
    old.refresh_from_db()
    assert (old.name, old.email, old.phone) == ("", "", "")
    assert old.personal_data_erased_at and old.body == "Làm thẻ cần giấy tờ gì?"
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.email == "hoi@example.com" and kept.personal_data_erased_at is None
    erased_at = old.personal_data_erased_at
    call_command("purge_question_data")
    old.refresh_from_db()
    assert old.personal_data_erased_at == erased_at  # a second run changes nothing


def test_purge__one_question_at_the_askers_request(portal, lists):
    question = question_for(lists["a"])
    other = question_for(lists["a"])
    call_command("purge_question_data", "--reference", question.reference)
    question.refresh_from_db()
    other.refresh_from_db()
    assert question.email == "" and question.personal_data_erased_at
    assert other.email == "hoi@example.com"
    with pytest.raises(CommandError, match="HD-0000-NONE"):
        call_command("purge_question_data", "--reference", "HD-0000-NONE")


def test_compliance__counts_questions_left_unanswered_past_the_deadline(portal, lists, settings):
    settings.GOVCMS_QUESTIONS_ANSWER_DAYS = 15
    question_for(lists["a"], created_at=timezone.now() - datetime.timedelta(days=16))
    question_for(lists["b"], created_at=timezone.now() - datetime.timedelta(days=3))
    report_a, report_b = unit_reports([portal.a.page, portal.b.page])
    late = next(check for check in report_a.checks if check.key == "questions")
    assert late.state == BEHIND and "1" in str(late.detail)
    assert late.fix_url == "/admin/questions_question/?late=true"
    assert next(check for check in report_b.checks if check.key == "questions").state == OK


def test_a_question_being_answered__cannot_be_refused_too(client, portal, lists):
    question = question_for(lists["a"])
    client.force_login(portal.a.editor)
    client.post(f"/admin/questions_question/answer/{question.pk}/")
    response = client.post(
        f"/admin/questions_question/edit/{question.pk}/", {"refusal_reason": "Không"}
    )
    assert response.status_code == 200
    question.refresh_from_db()
    assert question.status == Status.ANSWERING


def test_a_list_with_questions__is_not_deleted_by_screen_or_bulk(client, portal, lists):
    question_for(lists["a"])
    client.force_login(portal.board_member)
    response = client.post(f"/admin/pages/{lists['a'].pk}/delete/")
    assert response.status_code == 302
    assert QuestionIndexPage.objects.filter(pk=lists["a"].pk).exists()
    response = client.post(f"/admin/bulk/wagtailcore/page/delete/?id={lists['a'].pk}", {})
    assert response.status_code == 302
    assert QuestionIndexPage.objects.filter(pk=lists["a"].pk).exists()
    # A list without questions goes as any page.
    client.post(f"/admin/pages/{lists['b'].pk}/delete/")
    assert not QuestionIndexPage.objects.filter(pk=lists["b"].pk).exists()


def test_an_answer_copied__answers_no_question(client, portal, lists):
    question = question_for(lists["a"])
    answer = AnswerPage(
        title="Trả lời", question=question, question_text="Hỏi", answer="<p>Đáp</p>"
    )
    lists["a"].add_child(instance=answer)
    copy = answer.copy(update_attrs={"slug": "tra-loi-ban-sao"})
    assert copy.question is None
    assert AnswerPage.objects.get(pk=answer.pk).question == question


def test_nobody_adds_a_question_in_the_admin(client, portal, lists):
    client.force_login(portal.administrator)
    response = client.post("/admin/questions_question/new/", {"refusal_reason": "x"})
    assert response.status_code in (302, 403)
    assert not Question.objects.exists()


def test_a_unit_off_the_portal__is_not_offered_in_the_form(client, portal, lists):
    portal.b.page.unpublish()
    html = client.get(f"{lists['a'].url}gui-cau-hoi/").content.decode()
    assert portal.b.page.full_name not in html
    assert ask(client, lists["a"], index=lists["b"].pk).status_code == 400


def test_emails__plain_text_as_typed(client, portal, lists, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, lists["a"], name="O'Brien & Co", subject='Giờ "mở" cửa <lễ>\nBcc: x')
    (to_citizen, _to_staff) = mail.outbox
    assert "O'Brien & Co" in to_citizen.body
    assert 'Giờ "mở" cửa <lễ>' in to_citizen.body  # not &quot; or &lt;
    assert all("\n" not in message.subject for message in mail.outbox)
