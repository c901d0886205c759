"""Search at /tim-kiem/: diacritics and case ignored, filters, snippets, suggestions, and
the limits that keep it from being a lever against the portal."""

import datetime
import json
import unicodedata
from http import HTTPStatus
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from wagtail.models import PageViewRestriction

from departments.models import unit_pages
from news.models import NewsPage
from search import engine

SEED_TITLE_START = "Hội nghị tổng kết công tác thi đua"


def result_titles(client, **params):
    response = client.get("/tim-kiem/", params)
    assert response.status_code == HTTPStatus.OK
    soup = BeautifulSoup(response.content, "html.parser")
    return [" ".join(heading.get_text().split()) for heading in soup.select(".search-result h3")]


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
        unicodedata.normalize("NFD", "Hội nghị tổng kết"),
        "th\u200bi đua khen thư\u00adởng",
    ],
)
def test_search__ignores_diacritics_and_case(client, demo, query):
    assert any(title.startswith(SEED_TITLE_START) for title in result_titles(client, q=query))


def test_search__all_words_must_match(client, demo):
    assert result_titles(client, q="thi dua olympic") == []


def test_search__filter_by_unit(client, demo):
    museum = unit_pages().get(short_name="BTT")
    library = unit_pages().get(short_name="TVT")
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
@pytest.mark.parametrize("page", ["-1", "²", "①", "9" * 12, "1e3", "20"])
def test_search__hostile_or_huge_queries_give_a_normal_page(client, demo, query, page):
    response = client.get("/tim-kiem/", {"q": query, "page": page})
    assert response.status_code == HTTPStatus.OK
    assert b"<script>alert(1)</script>" not in response.content


def test_search__empty_query_shows_the_form(client, demo):
    response = client.get("/tim-kiem/")
    assert response.status_code == HTTPStatus.OK
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("label", attrs={"for": "search-query"})
    assert soup.find("label", attrs={"for": "search-unit"})


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_search__snippet_marks_the_words_and_escapes_the_text(client, demo):
    article = NewsPage.objects.get(title__startswith=SEED_TITLE_START)
    article.summary = "Lễ hội <script>alert(1)</script> & múa \x02rối\x03 nước"
    article.save_revision().publish()
    response = client.get("/tim-kiem/", {"q": "mua roi"})
    assert b"<script>alert(1)</script>" not in response.content
    result = soup_of(response).select_one(".search-result")
    snippet = result.select_one(".search-result__snippet")
    assert [mark.get_text() for mark in snippet.select("mark")] == ["múa", "rối"]
    # Markup in the text is never passed on: the database leaves tags out, the rest is escaped.
    assert "<script" not in str(snippet)
    assert "alert(1)" in snippet.get_text()
    assert "&amp;" in str(snippet)
    assert [mark.get_text() for mark in result.select("h3 mark")] == []


def test_search__title_words_are_marked(client, demo):
    response = client.get("/tim-kiem/", {"q": "thi dua"})
    heading = soup_of(response).select(".search-result h3")[0]
    assert [mark.get_text().lower() for mark in heading.select("mark")] == ["thi", "đua"]


def test_search__filter_by_kind(client, demo):
    museum = unit_pages().get(short_name="BTT")
    assert museum.title in result_titles(client, q=museum.title, loai="trang")
    assert museum.title not in result_titles(client, q=museum.title, loai="tin-tuc")
    assert all(
        NewsPage.objects.filter(title=title).exists()
        for title in result_titles(client, q="bao tang", loai="tin-tuc")
    )


def test_search__filter_by_dates(client, demo):
    article = NewsPage.objects.get(title__startswith=SEED_TITLE_START)
    day = article.first_published_at.date()
    inside = {"tu-ngay": day.isoformat(), "den-ngay": day.isoformat()}
    assert article.title in result_titles(client, q="thi dua", **inside)
    before = {"den-ngay": (day.replace(year=day.year - 1)).isoformat()}
    assert article.title not in result_titles(client, q="thi dua", **before)
    typed = {"tu-ngay": day.strftime("%d/%m/%Y")}
    assert article.title in result_titles(client, q="thi dua", **typed)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tu-ngay": "31/02/2026"}, "Nhập ngày theo dạng ngày/tháng/năm"),
        ({"den-ngay": "hôm qua"}, "Nhập ngày theo dạng ngày/tháng/năm"),
        ({"tu-ngay": "2026-05-01", "den-ngay": "2026-04-01"}, "Ngày kết thúc không được trước"),
        ({"tu-ngay": "0001-01-01"}, "Chọn ngày trong khoảng năm 1900 đến 2999"),
        ({"loai": "bí-mật"}, "Chọn loại nội dung trong danh sách"),
        ({"don-vi": "99999999999999"}, "Chọn đơn vị trong danh sách"),
        ({"sap-xep": "id"}, "Chọn cách sắp xếp trong danh sách"),
    ],
)
def test_search__bad_filters_are_explained(client, demo, params, message):
    response = client.get("/tim-kiem/", {"q": "thi dua", **params})
    assert response.status_code == HTTPStatus.OK
    assert message in soup_of(response).select_one(".form-errors").get_text()


def test_search__a_bad_filter_is_left_out_and_the_rest_applies(client, demo):
    titles = result_titles(client, q="thi dua", loai="bí-mật", **{"don-vi": "abc"})
    assert any(title.startswith(SEED_TITLE_START) for title in titles)


def test_search__newest_first(client, demo):
    response = client.get("/tim-kiem/", {"q": "tin", "sap-xep": "moi-nhat"})
    dates = [time["datetime"] for time in soup_of(response).select(".search-result time")]
    assert len(dates) > 1
    assert dates == sorted(dates, reverse=True)


def test_search__restricted_pages_are_never_found_or_suggested(client, demo):
    article = NewsPage.objects.get(title__startswith=SEED_TITLE_START)
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    assert article.title not in result_titles(client, q="thi dua")
    titles = client.get("/tim-kiem/goi-y/", {"q": "hoi nghi tong"}).json()["titles"]
    assert article.title not in titles


def test_suggestions__titles_beginning_with_what_was_typed(client, demo):
    response = client.get("/tim-kiem/goi-y/", {"q": "hoi nghi tong k"})
    assert response.status_code == HTTPStatus.OK
    titles = response.json()["titles"]
    assert any(title.startswith(SEED_TITLE_START) for title in titles)
    assert all(NewsPage.objects.live().filter(title=t).exists() or t for t in titles)
    # A minute in the reader's browser, never in a shared cache.
    assert "private" in response["Cache-Control"]
    assert client.get("/tim-kiem/goi-y/", {"q": ""}).json() == {"titles": []}
    assert client.get("/tim-kiem/goi-y/", {"q": "'&|!:*()"}).json() == {"titles": []}


def test_suggestions__the_search_boxes_offer_them_and_work_without_script(client, demo):
    soup = soup_of(client.get("/tim-kiem/"))
    for box in soup.select("input[type=search][name=q]"):
        assert box["data-suggestions-url"] == "/tim-kiem/goi-y/"
        assert soup.find("datalist", id=box["list"])
        # Without the script the box is an ordinary field of a GET form.
        assert box.find_parent("form")["action"] == "/tim-kiem/"


@override_settings(GOVCMS_SEARCH_RATE_LIMIT=3)
def test_search__rate_limited_per_address_with_a_vietnamese_429(client, demo):
    for number in range(3):
        assert client.get("/tim-kiem/", {"q": f"hoi nghi {number}"}).status_code == HTTPStatus.OK
    # The form alone is no search and is not counted.
    assert client.get("/tim-kiem/").status_code == HTTPStatus.OK
    refused = client.get("/tim-kiem/", {"q": "hoi nghi 4"})
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused["Retry-After"] == "60"
    assert "no-store" in refused["Cache-Control"]
    assert "Bạn đã tìm kiếm quá nhiều lần" in soup_of(refused).get_text()
    other = client.get("/tim-kiem/", {"q": "hoi nghi"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == HTTPStatus.OK


@override_settings(GOVCMS_SEARCH_RATE_LIMIT=2, GOVCMS_TRUSTED_PROXY_COUNT=1)
def test_search__rate_limit_reads_the_address_the_proxy_saw(client, demo):
    spoofed = {"HTTP_X_FORWARDED_FOR": "10.0.0.1, 198.51.100.9"}
    for number in range(2):
        client.get("/tim-kiem/", {"q": f"tin {number}"}, **spoofed)
    assert client.get("/tim-kiem/", {"q": "tin 3"}, **spoofed).status_code == 429
    # Changing the part the client writes itself does not help.
    spoofed["HTTP_X_FORWARDED_FOR"] = "10.0.0.2, 198.51.100.9"
    assert client.get("/tim-kiem/", {"q": "tin 4"}, **spoofed).status_code == 429
    fresh = {"HTTP_X_FORWARDED_FOR": "198.51.100.10"}
    assert client.get("/tim-kiem/", {"q": "tin 5"}, **fresh).status_code == HTTPStatus.OK


@override_settings(GOVCMS_SUGGEST_RATE_LIMIT=2)
def test_suggestions__rate_limited(client, demo):
    for _ in range(2):
        assert client.get("/tim-kiem/goi-y/", {"q": "tin"}).status_code == HTTPStatus.OK
    refused = client.get("/tim-kiem/goi-y/", {"q": "tin"})
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused.json() == {"titles": []}


def test_search__a_search_over_the_time_limit_gets_a_friendly_page(client, demo, monkeypatch):
    """The database's own statement timeout stops the search (here a query that sleeps)."""
    monkeypatch.setattr(engine, "SEARCH_SECONDS", 0.05)
    monkeypatch.setattr(engine, "ESTIMATE_SQL", "SELECT pg_sleep(2), %(text)s")
    response = client.get("/tim-kiem/", {"q": "hoi nghi"})
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert "Hãy thử tìm với từ ngữ cụ thể hơn" in soup_of(response).get_text()
    assert "no-store" in response["Cache-Control"]
    # The connection is usable again at once.
    assert json.loads(client.get("/tim-kiem/goi-y/", {"q": "tin"}).content)


def test_search__a_page_beyond_the_last_shows_the_last(client, demo):
    first = soup_of(client.get("/tim-kiem/", {"q": "thi dua"}))
    beyond = soup_of(client.get("/tim-kiem/", {"q": "thi dua", "page": "19"}))
    pages = first.select(".pagination .usa-pagination__button")
    assert beyond.select(".search-result")
    if not pages:  # one page only: page 19 is page 1
        assert beyond.select(".search-result h3") == first.select(".search-result h3")
    else:
        current = beyond.select_one('.pagination [aria-current="page"]')
        assert current.get_text(strip=True) == pages[-1].get_text(strip=True)
        assert not beyond.select_one('.pagination a[rel="next"]')


def test_search__days_are_the_portals_days(client, demo):
    """An article first published at 06:30 in Hà Nội (23:30 the day before in UTC) is
    found under its Hà Nội date."""
    article = NewsPage.objects.get(title__startswith=SEED_TITLE_START)
    published = datetime.datetime(2024, 3, 5, 6, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    NewsPage.objects.filter(pk=article.pk).update(first_published_at=published)
    same_day = {"tu-ngay": "05/03/2024", "den-ngay": "05/03/2024"}
    assert article.title in result_titles(client, q="thi dua", **same_day)
    day_before = {"tu-ngay": "04/03/2024", "den-ngay": "04/03/2024"}
    assert article.title not in result_titles(client, q="thi dua", **day_before)


@override_settings(GOVCMS_SEARCH_RATE_LIMIT=2)
def test_search__an_ipv6_network_counts_as_one_client(client, demo):
    for host in ("1", "2"):
        address = f"2001:db8:1:2::{host}"
        assert client.get("/tim-kiem/", {"q": "tin"}, REMOTE_ADDR=address).status_code == 200
    refused = client.get("/tim-kiem/", {"q": "tin"}, REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    other = client.get("/tim-kiem/", {"q": "tin"}, REMOTE_ADDR="2001:db8:1:3::1")
    assert other.status_code == HTTPStatus.OK
