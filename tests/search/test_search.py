"""Search at /tim-kiem/ ignores diacritics and case, on PostgreSQL and SQLite alike."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup

from departments.models import DepartmentPage
from news.models import NewsPage

SEED_TITLE_START = "Hội nghị tổng kết công tác thi đua"


def result_titles(client, **params):
    response = client.get("/tim-kiem/", params)
    assert response.status_code == HTTPStatus.OK
    soup = BeautifulSoup(response.content, "html.parser")
    return [heading.get_text(strip=True) for heading in soup.select(".search-result h3")]


@pytest.mark.parametrize(
    "query",
    [
        "thi dua khen thuong",
        "THI ĐUA",
        "hoi nghi tong ket",
        "Hội nghị tổng kết",
        "thi đua, khen thưởng",
        "Nguyen Duc Nguyen",
        "ttxtdl",
    ],
)
def test_search__ignores_diacritics_and_case(client, demo, query):
    assert any(title.startswith(SEED_TITLE_START) for title in result_titles(client, q=query))


def test_search__all_words_must_match(client, demo):
    assert result_titles(client, q="thi dua olympic") == []


def test_search__filter_by_unit(client, demo):
    museum = DepartmentPage.objects.get(short_name="BTT")
    library = DepartmentPage.objects.get(short_name="TVT")
    assert result_titles(client, q="bao tang", **{"don-vi": museum.pk})
    in_library = result_titles(client, q="hien vat", **{"don-vi": library.pk})
    assert in_library == []
    assert result_titles(client, q="hien vat", **{"don-vi": museum.pk})


def test_search__only_live_pages(client, demo):
    article = NewsPage.objects.get(title__startswith=SEED_TITLE_START)
    article.unpublish()
    assert not any(t.startswith(SEED_TITLE_START) for t in result_titles(client, q="thi dua"))


def test_search__paginates(client, demo):
    titles = result_titles(client, q="tin")
    response = client.get("/tim-kiem/", {"q": "tinh", "page": "abc"})
    assert response.status_code == HTTPStatus.OK
    assert len(titles) <= 10


@pytest.mark.parametrize(
    "query",
    [
        "a" * 10_000,
        "thi đua " * 2_000,
        '"unbalanced',
        "AND OR NOT ( ) * : ^ ~",
        "%00%27%22--",
        "<script>alert(1)</script>",
        "\u202e\ufeff\u200b",
    ],
)
def test_search__hostile_or_huge_queries_give_a_normal_page(client, demo, query):
    response = client.get("/tim-kiem/", {"q": query, "page": "-1"})
    assert response.status_code == HTTPStatus.OK
    assert b"<script>alert(1)</script>" not in response.content


def test_search__empty_query_shows_the_form(client, demo):
    response = client.get("/tim-kiem/")
    assert response.status_code == HTTPStatus.OK
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("label", attrs={"for": "search-query"})
    assert soup.find("label", attrs={"for": "search-unit"})
