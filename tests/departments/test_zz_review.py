"""Hostile review probes (temporary)."""
import datetime
import json

import pytest
from django.core import mail
from wagtail.models import Locale, Page

from news.models import NewsPage
from questions.models import AnswerPage, Question, QuestionIndexPage, Status
from schedule.models import ScheduleEntry, ScheduleIndexPage, WeekSchedulePage
from schedule.weeks import this_monday, week_slug

from .test_english import english, english_site, introduction  # noqa: F401
from .test_questions import ask, lists, question_for  # noqa: F401
from .workflow_helpers import act

pytestmark = pytest.mark.django_db


def en():
    return Locale.objects.get(language_code="en")


# ---------- translation via admin API ----------
def test_api_copy_for_translation_alias_of_news_goes_live(client, portal, english_site):
    client.force_login(portal.a.editor)
    article = portal.a.live_article
    r = client.post(
        f"/admin/api/main/pages/{article.pk}/action/copy_for_translation/",
        json.dumps({"locale": "en", "alias": True, "copy_parents": True}),
        content_type="application/json",
    )
    print("status", r.status_code, r.content[:300])
    copies = Page.objects.filter(translation_key=article.translation_key, locale=en())
    print([(p.pk, p.url_path, p.live, p.alias_of_id) for p in copies])
    for p in copies:
        resp = client.get(p.url)
        print("public", p.url, resp.status_code)
    client.logout()
    for p in copies:
        print("anon", p.url, client.get(p.url).status_code)
    assert not copies.filter(live=True).exists()


def test_api_copy_for_translation_recursive_subtree(client, portal, english_site):
    client.force_login(portal.a.editor)
    before = Page.objects.filter(locale=en()).count()
    r = client.post(
        f"/admin/api/main/pages/{portal.a.page.pk}/action/copy_for_translation/",
        json.dumps({"locale": "en", "recursive": True}),
        content_type="application/json",
    )
    print("status", r.status_code, r.content[:300])
    print("created", Page.objects.filter(locale=en()).count() - before)
    assert Page.objects.filter(locale=en()).count() == before


def test_api_copy_for_translation_b_unit_creates_under_english_home(client, portal, english_site):
    client.force_login(portal.b.editor)
    r = client.post(
        f"/admin/api/main/pages/{portal.b.page.pk}/action/copy_for_translation/",
        json.dumps({"locale": "en", "alias": True}),
        content_type="application/json",
    )
    print("status", r.status_code, r.content[:300])
    copies = Page.objects.filter(translation_key=portal.b.page.translation_key, locale=en())
    print([(p.pk, p.url_path, p.live, p.alias_of_id) for p in copies])
    client.logout()
    for p in copies:
        print("anon", p.url, client.get(p.url).status_code)
    assert not copies.filter(live=True).exists()


# ---------- translation via submit view ----------
def test_submit_view_parent_not_translated_forged_locale(client, portal, english_site):
    from about.models import IntroductionPage

    page = IntroductionPage(title="Giới thiệu B", summary="x", body="<p>y</p>")
    portal.b.page.add_child(instance=page)
    client.raise_request_exception = False
    client.force_login(portal.b.editor)
    g = client.get(f"/admin/translation/submit/page/{page.pk}/")
    print("GET", g.status_code)
    r = client.post(f"/admin/translation/submit/page/{page.pk}/", {"locales": [en().pk]})
    print("POST", r.status_code)
    assert r.status_code != 500


def test_submit_view_unit_page_by_unit_editor(client, portal, english_site):
    client.force_login(portal.b.editor)
    r = client.post(f"/admin/translation/submit/page/{portal.b.page.pk}/", {"locales": [en().pk]})
    print("POST", r.status_code, r.get("Location"))
    copies = Page.objects.filter(translation_key=portal.b.page.translation_key, locale=en())
    print([(p.pk, p.url_path, p.live, p.get_parent().title) for p in copies])


# ---------- AnswerPage ----------
def test_copy_answer_page_500(client, portal, lists):
    q = question_for(lists["a"])
    client.force_login(portal.a.editor)
    client.post(f"/admin/questions_question/answer/{q.pk}/")
    page = AnswerPage.objects.get(question=q)
    client.raise_request_exception = False
    r = client.post(
        f"/admin/pages/{page.pk}/copy/",
        {"new_title": "Bản sao", "new_slug": "ban-sao", "new_parent_page": lists["a"].pk},
    )
    print("copy", r.status_code, r.get("Location"))
    print(AnswerPage.objects.filter(title="Bản sao").values_list("pk", "question_id"))
    assert r.status_code != 500


def test_forged_question_field_on_answer(client, portal, lists):
    qa = question_for(lists["a"], subject="Câu A")
    qb = question_for(lists["b"], subject="Câu B bí mật", body="Nội dung B bí mật")
    client.force_login(portal.a.editor)
    client.post(f"/admin/questions_question/answer/{qa.pk}/")
    page = AnswerPage.objects.get(question=qa)
    data = {
        "title": page.title, "slug": page.slug, "asked_on": page.asked_on.isoformat(),
        "question_text": page.question_text, "question": qb.pk,
        "answer": '{"blocks": [{"key": "a", "type": "unstyled", "text": "x", "depth": 0, '
        '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "answered_by": "",
    }
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    latest = AnswerPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    print("question after forged edit", latest.question_id, qa.pk, qb.pk)
    add = client.post(f"/admin/pages/add/questions/answerpage/{lists['a'].pk}/", {**data, "slug": "moi"})
    print("add", add.status_code)
    print(list(AnswerPage.objects.values_list("slug", "question_id")))
    assert latest.question_id == qa.pk


# ---------- schedule ----------
def test_schedule_recursion_draft_index_draft_week(client, portal):
    sched = ScheduleIndexPage(title="Lịch công tác", live=False)
    portal.a.page.add_child(instance=sched)
    week = WeekSchedulePage(week_start=this_monday(), live=False,
                            entries=[ScheduleEntry(day=this_monday(), session="sang", title="Nháp", lead="A")])
    sched.add_child(instance=week)
    client.raise_request_exception = False
    r = client.get(f"/{portal.a.page.slug}/{sched.slug}/{week.slug}/")
    print("draft week under draft index", r.status_code)
    assert r.status_code == 404


@pytest.mark.parametrize("slug", ["tuan-52-9999", "tuan-1-1", "tuan-0-2026"])
def test_schedule_extreme_weeks(client, portal, slug):
    sched = ScheduleIndexPage(title="Lịch công tác")
    portal.a.page.add_child(instance=sched)
    client.raise_request_exception = False
    r = client.get(f"{sched.url}{slug}/")
    print(slug, r.status_code)
    assert r.status_code in (200, 404)


# ---------- questions admin ----------
def test_question_admin_other_endpoints(client, portal, lists):
    qb = question_for(lists["b"], subject="Câu B bí mật", body="Nội dung B bí mật")
    qa = question_for(lists["a"], subject="Câu A")
    client.force_login(portal.a.editor)
    client.raise_request_exception = False
    urls = [
        "/admin/questions_question/results/?q=bí mật",
        "/admin/questions_question/?q=B",
        f"/admin/questions_question/history/{qb.pk}/results/",
        f"/admin/questions_question/usage/{qb.pk}/",
        "/admin/questions_question/new/",
        f"/admin/questions_question/copy/{qb.pk}/",
        "/admin/questions_question/?export=csv",
        "/admin/questions_question/results/?export=xlsx",
        f"/admin/search/?q=bí mật",
        "/admin/questions_question/?status=new&index=" + str(lists["b"].pk),
    ]
    for url in urls:
        r = client.get(url)
        body = r.content.decode(errors="ignore")
        print(url, r.status_code, "LEAK" if "B bí mật" in body else "")
    r = client.post(f"/admin/questions_question/delete/{qb.pk}/")
    print("delete", r.status_code, Question.objects.filter(pk=qb.pk).exists())


def test_question_add_as_superuser(client, portal, lists):
    client.force_login(portal.administrator)
    client.raise_request_exception = False
    r = client.post("/admin/questions_question/new/", {"refusal_reason": "x"})
    print("add superuser", r.status_code)
    assert r.status_code != 500


def test_question_form_lists_unpublished_unit(client, portal, lists):
    from departments.models import DepartmentPage
    b = DepartmentPage.objects.get(pk=portal.b.page.pk)
    b.unpublish()
    r = client.get(f"{lists['a'].url}gui-cau-hoi/")
    html = r.content.decode()
    print("B list live?", QuestionIndexPage.objects.get(pk=lists["b"].pk).live, "B unit live", DepartmentPage.objects.get(pk=b.pk).live)
    print("B offered:", b.full_name in html, b.full_name)
    print("B answers list public:", client.get(lists["b"].url).status_code)
    r = ask(client, lists["a"], index=lists["b"].pk)
    print("ask to B", r.status_code, Question.objects.filter(index=lists["b"]).count())


def test_refuse_then_answer_published(client, portal, lists, django_capture_on_commit_callbacks):
    q = question_for(lists["a"])
    client.force_login(portal.a.editor)
    client.post(f"/admin/questions_question/answer/{q.pk}/")
    page = AnswerPage.objects.get(question=q)
    r = client.post(f"/admin/questions_question/edit/{q.pk}/", {"refusal_reason": "Không"})
    print("refuse while answering", r.status_code)
    q.refresh_from_db()
    print("status", q.status)


# ---------- batch 2 ----------
def test_export_confined(client, portal, lists):
    question_for(lists["b"], subject="Câu B bí mật", body="Nội dung B bí mật")
    question_for(lists["a"], subject="Câu A")
    client.force_login(portal.a.editor)
    for url in ("/admin/questions_question/?export=csv", "/admin/questions_question/results/?export=xlsx"):
        r = client.get(url)
        body = b"".join(r.streaming_content) if r.streaming else r.content
        print(url, r.status_code, r.get("Content-Type"), len(body), b"B b" in body, body[:300])


def test_api_alias_recursive_news_index(client, portal, english_site, lists):
    q = question_for(lists["a"])
    client.force_login(portal.a.editor)
    client.post(f"/admin/questions_question/answer/{q.pk}/")
    client.raise_request_exception = False
    r = client.post(
        f"/admin/api/main/pages/{portal.a.index.pk}/action/copy_for_translation/",
        json.dumps({"locale": "en", "alias": True, "recursive": True}),
        content_type="application/json",
    )
    print("news index", r.status_code)
    print([(p.url_path, p.live) for p in Page.objects.filter(locale=en(), path__startswith=english_site[1].path)])
    r = client.post(
        f"/admin/api/main/pages/{lists['a'].pk}/action/copy_for_translation/",
        json.dumps({"locale": "en", "alias": True, "recursive": True}),
        content_type="application/json",
    )
    print("question list", r.status_code)
    # the API 'copy' (non-alias) of the draft article in English, then API publish?
    r = client.post(
        f"/admin/api/main/pages/{portal.a.draft_article.pk}/action/copy_for_translation/",
        json.dumps({"locale": "en", "alias": True}),
        content_type="application/json",
    )
    print("draft alias", r.status_code, [(p.url_path, p.live) for p in Page.objects.filter(translation_key=portal.a.draft_article.translation_key, locale=en())])


def test_search_drafts(client, portal, lists, english_site):
    from about.models import IntroductionPage
    q = question_for(lists["a"], subject="Zyxquux", body="Zyxquux body")
    client.force_login(portal.a.editor)
    client.post(f"/admin/questions_question/answer/{q.pk}/")
    sched = ScheduleIndexPage(title="Lịch công tác")
    portal.a.page.add_child(instance=sched)
    week = WeekSchedulePage(week_start=this_monday(), note="Qwertzzz", live=False)
    sched.add_child(instance=week)
    week.save_revision()
    client.logout()
    for term in ("Zyxquux", "Qwertzzz"):
        r = client.get(f"/tim-kiem/?q={term}")
        html = r.content.decode()
        print(term, r.status_code, html.count(term), "answer-url" , "/hoi-dap/" in html, "week-url", week.slug in html)
        r = client.get(f"/en/tim-kiem/?q={term}")
        print("en", term, r.status_code)
    xml = client.get("/sitemap-trang.xml").content.decode()
    print("sitemap draft answer", "zyxquux" in xml.lower(), "week", week.slug in xml)
    feed = client.get(f"{sched.url}rss/").content.decode()
    print("feed", "Qwertzzz" in feed)


def test_refuse_then_answer_two_mails(client, portal, lists, django_capture_on_commit_callbacks):
    q = question_for(lists["a"])
    client.force_login(portal.a.editor)
    client.post(f"/admin/questions_question/answer/{q.pk}/")
    page = AnswerPage.objects.get(question=q)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/questions_question/edit/{q.pk}/", {"refusal_reason": "Không trả lời"})
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            "title": page.title, "slug": page.slug, "asked_on": page.asked_on.isoformat(),
            "question_text": page.question_text,
            "answer": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Trả lời", "depth": 0, '
            '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
            "answered_by": "", "action-submit": "submit",
        },
    )
    client.force_login(portal.a.approver)
    with django_capture_on_commit_callbacks(execute=True):
        print("approve", act(client, page, "approve").status_code)
    q.refresh_from_db()
    print("final status", q.status, [m.subject for m in mail.outbox if m.to == ["hoi@example.com"]])


def test_recursion_type(client, portal):
    sched = ScheduleIndexPage(title="Lịch công tác", live=False)
    portal.a.page.add_child(instance=sched)
    week = WeekSchedulePage(week_start=this_monday(), live=False)
    sched.add_child(instance=week)
    try:
        client.get(f"/{portal.a.page.slug}/{sched.slug}/{week.slug}/")
    except BaseException as e:
        print("EXC", type(e).__name__, str(e)[:100])
    # also: live schedule, then unpublished by board (typical) - draft week
    sched2 = ScheduleIndexPage.objects.get(pk=sched.pk)


def test_ask_malformed(client, portal, lists):
    client.raise_request_exception = False
    for idx in ("99999999999999999999", "1abc", "", "-1", "\x00", str(portal.a.page.pk)):
        r = ask(client, lists["a"], index=idx)
        print(repr(idx), r.status_code)
    r = ask(client, lists["a"], subject="a\x00b", name="x" * 10000, body="y" * 6000)
    print("nul/long", r.status_code)
    r = client.post(f"{lists['a'].url}gui-cau-hoi/", {"started": ["a", "b"], "index": [lists["a"].pk, lists["b"].pk]})
    print("multi", r.status_code)


# ---------- batch 3 ----------
def test_api_copy_keep_live_and_alias_within_unit(client, portal):
    client.force_login(portal.a.editor)
    article = portal.a.live_article
    client.raise_request_exception = False
    r = client.post(
        f"/admin/api/main/pages/{article.pk}/action/copy/",
        json.dumps({"destination_page_id": portal.a.index.pk, "slug": "ban-sao-song", "keep_live": True}),
        content_type="application/json",
    )
    print("copy keep_live", r.status_code, list(Page.objects.filter(slug="ban-sao-song").values_list("live", flat=True)))
    r = client.post(
        f"/admin/api/main/pages/{article.pk}/action/create_alias/",
        json.dumps({"destination_page_id": portal.a.index.pk, "update_slug": "bi-danh"}),
        content_type="application/json",
    )
    print("alias in unit", r.status_code, list(Page.objects.filter(slug="bi-danh").values_list("live", flat=True)))
    r = client.post(f"/admin/pages/{article.pk}/copy/", {"new_title": article.title, "new_slug": "bi-danh-2", "new_parent_page": portal.a.index.pk, "alias": "on"})
    print("alias UI", r.status_code, list(Page.objects.filter(slug="bi-danh-2").values_list("live", flat=True)))


def test_delete_list_with_questions(client, portal, lists):
    question_for(lists["b"])
    client.force_login(portal.board_member)
    client.raise_request_exception = False
    r = client.post(f"/admin/pages/{lists['b'].pk}/delete/")
    print("delete list board", r.status_code, r.get("Location"), QuestionIndexPage.objects.filter(pk=lists["b"].pk).exists())
    from django.contrib.messages import get_messages
    print([str(m) for m in get_messages(r.wsgi_request)])
    client.force_login(portal.administrator)
    r = client.post(f"/admin/pages/{portal.b.page.pk}/delete/")
    print("delete unit superuser", r.status_code)
    r = client.post(f"/admin/bulk/wagtailcore/page/delete/?id={lists['b'].pk}")
    print("bulk delete", r.status_code, QuestionIndexPage.objects.filter(pk=lists["b"].pk).exists())


def test_schedule_silent_change(client, portal):
    from .test_schedule import edit_form, published_week
    sched = ScheduleIndexPage(title="Lịch công tác")
    portal.a.page.add_child(instance=sched)
    week = published_week(sched)
    first, second = week.entries.all()
    client.force_login(portal.a.editor)
    data = edit_form(week, [(first, {"title": "Nội dung khác hẳn", "lead": "Người khác", "place": "Nơi khác", "start_time": ""}),
                            (second, {"day_offset": 1, "session": "chieu", "start_time": "", "title": second.title, "lead": second.lead, "place": ""})])
    r = client.post(f"/admin/pages/{week.pk}/edit/", data)
    print("silent change", r.status_code)
    if r.status_code == 200:
        import re
        print(re.findall(r'class="error-message"[^>]*>\s*(?:<[^>]+>)?([^<]+)', r.content.decode())[:5])
    latest = WeekSchedulePage.objects.get(pk=week.pk).get_latest_revision_as_object()
    print([(e.title, e.status) for e in latest.entries.all()])


def test_leader_photo_from_other_unit(client, portal):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data
    client.force_login(portal.a.editor)
    data = nested_form_data({"title": "Lãnh đạo", "slug": "lanh-dao", "introduction": "",
        "leaders": inline_formset([{"name": "X", "position": "GĐ", "photo": portal.b.image.pk, "phone": "", "email": "", "responsibilities": ""}], min=1)})
    r = client.post(f"/admin/pages/add/about/leaderspage/{portal.a.page.pk}/", data)
    from about.models import Leader
    print("leader photo", r.status_code, list(Leader.objects.values_list("photo_id", flat=True)), portal.b.image.pk)


def test_delete_list_exc(client, portal, lists):
    question_for(lists["b"])
    client.force_login(portal.board_member)
    for url in (f"/admin/pages/{lists['b'].pk}/delete/", f"/admin/bulk/wagtailcore/page/delete/?id={lists['b'].pk}"):
        try:
            r = client.post(url)
            print(url, r.status_code)
        except BaseException as e:
            print(url, "EXC", type(e).__name__, str(e)[:150])
    r = client.get(f"/admin/pages/{lists['b'].pk}/delete/")
    print("GET confirm", r.status_code)


def test_b_draft_answer_visible_to_a(client, portal, lists):
    qb = question_for(lists["b"], subject="Bimat B subject")
    client.force_login(portal.b.editor)
    client.post(f"/admin/questions_question/answer/{qb.pk}/")
    page = AnswerPage.objects.get(question=qb)
    client.force_login(portal.a.editor)
    for url in (f"/admin/api/main/pages/{page.pk}/", f"/admin/api/main/pages/?child_of={lists['b'].pk}",
                f"/admin/api/main/pages/?search=Bimat", f"/admin/pages/{lists['b'].pk}/", f"/admin/pages/search/?q=Bimat",
                f"/admin/choose-page/{lists['b'].pk}/", f"/admin/choose-page/search/?q=Bimat", f"/admin/pages/{page.pk}/history/",
                f"/admin/pages/{page.pk}/usage/", f"/admin/pages/{page.pk}/preview/", f"/admin/pages/{page.pk}/revisions/compare/earliest...latest/",
                f"/admin/pages/{page.pk}/edit/preview/"):
        try:
            r = client.get(url)
            body = r.content.decode(errors="ignore")
            print(url, r.status_code, body.count("Bimat"), f"/{page.pk}/" in body)
        except Exception as e:
            print(url, "EXC", type(e).__name__)


def test_email_escaping(client, portal, lists, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = ask(client, lists["a"], name="Nguyễn O'Brien", subject='Hỏi về "A & B" <phí>')
    print(r.status_code)
    for m in mail.outbox:
        print(m.to, repr(m.subject), repr(m.body[:200]))
