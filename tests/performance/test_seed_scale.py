"""seed_scale writes pages Wagtail treats like any other."""

import re
from http import HTTPStatus

from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from departments.models import unit_pages
from legal.models import LegalDocumentIndexPage, LegalDocumentPage
from news.models import NewsIndexPage, NewsPage
from questions.models import AnswerPage, Question
from schedule.models import ScheduleIndexPage, WeekSchedulePage
from schedule.weeks import this_monday

DEMO_DOCUMENTS = 8
DEMO_QUESTIONS = 5


def test_seed_scale__live_routable_searchable_pages_in_a_sound_tree(client, demo, capsys):
    before = NewsPage.objects.count()
    call_command("seed_scale", units=6, news=120, documents=60, questions=50, weeks=3)
    out = capsys.readouterr().out
    assert "Added 120 articles, 60 documents, 50 questions and 3 weeks of schedule" in out
    assert LegalDocumentPage.objects.live().count() == 60 + DEMO_DOCUMENTS
    assert NewsPage.objects.live().count() == before + 120
    assert unit_pages().count() == 6
    assert Question.objects.count() == 50 + DEMO_QUESTIONS
    # Every unit and the department: this week, next week and the 3 before.
    assert all(
        WeekSchedulePage.objects.child_of(schedule).filter(week_start=this_monday()).exists()
        for schedule in ScheduleIndexPage.objects.filter(locale__language_code="vi")
    )
    answer = AnswerPage.objects.filter(question__reference__contains="-S").first()
    assert answer.question.status == "answered"
    assert client.get(answer.url).status_code == HTTPStatus.OK
    assert all(len(problems) == 0 for problems in Page.find_problems())

    big_unit = NewsIndexPage.objects.child_of(unit_pages().order_by("path").first()).get()
    seeded = NewsPage.objects.child_of(big_unit).order_by("-pk").first()
    assert seeded.url.startswith(big_unit.url)
    response = client.get(seeded.url)
    assert response.status_code == HTTPStatus.OK
    assert seeded.summary in response.content.decode()
    assert seeded.tags.count() == 2
    # Two to four paragraphs, and the document the article carries out, by its number.
    assert 3 <= len(seeded.body) <= 5
    cited = re.search(r"số (\d+/[A-ZĐ]+-\w+)", str(seeded.body[-1].value)).group(1)

    for query in (seeded.title.split(" tại ")[0], cited):
        results = BeautifulSoup(client.get("/tim-kiem/", {"q": query}).content, "html.parser")
        titles = [" ".join(h.get_text().split()) for h in results.select(".search-result h3")]
        assert seeded.title in titles, query
    index = client.get(big_unit.url, {"page": 2})
    assert index.status_code == HTTPStatus.OK


def test_seed_scale__documents_are_listed_found_by_number_and_readable(client, demo):
    call_command("seed_scale", units=4, news=0, documents=40, questions=0, weeks=0)
    index = LegalDocumentIndexPage.objects.child_of(unit_pages().order_by("path").first()).get()
    seeded = LegalDocumentPage.objects.child_of(index).order_by("-pk").first()
    assert client.get(seeded.url).status_code == HTTPStatus.OK
    listed = BeautifulSoup(client.get(index.url, {"q": seeded.number}).content, "html.parser")
    assert [a.get_text() for a in listed.select(".document-table tbody th a")] == [seeded.number]
    assert all(len(problems) == 0 for problems in Page.find_problems())
