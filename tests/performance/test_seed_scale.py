"""seed_scale writes pages Wagtail treats like any other."""

import re
from http import HTTPStatus

from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from departments.models import DepartmentPage
from legal.models import LegalDocumentIndexPage, LegalDocumentPage
from news.models import NewsIndexPage, NewsPage

DEMO_DOCUMENTS = 8


def test_seed_scale__live_routable_searchable_pages_in_a_sound_tree(client, demo, capsys):
    before = NewsPage.objects.count()
    call_command("seed_scale", units=6, news=120, documents=60)
    assert "Added 120 articles and 60 documents over 6 units" in capsys.readouterr().out
    assert LegalDocumentPage.objects.live().count() == 60 + DEMO_DOCUMENTS
    assert NewsPage.objects.live().count() == before + 120
    assert DepartmentPage.objects.count() == 6
    assert all(len(problems) == 0 for problems in Page.find_problems())

    big_unit = NewsIndexPage.objects.child_of(DepartmentPage.objects.order_by("path").first()).get()
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
    call_command("seed_scale", units=4, news=0, documents=40)
    index = LegalDocumentIndexPage.objects.child_of(
        DepartmentPage.objects.order_by("path").first()
    ).get()
    seeded = LegalDocumentPage.objects.child_of(index).order_by("-pk").first()
    assert client.get(seeded.url).status_code == HTTPStatus.OK
    listed = BeautifulSoup(client.get(index.url, {"q": seeded.number}).content, "html.parser")
    assert [a.get_text() for a in listed.select(".document-table tbody th a")] == [seeded.number]
    assert all(len(problems) == 0 for problems in Page.find_problems())
