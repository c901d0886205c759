"""Legal documents as a citizen finds and reads them (on the demo's documents): status,
filters alone and combined, the number however typed, the page, its feed and data."""

import datetime
import json
from http import HTTPStatus

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from legal import numbers
from legal.models import LegalDocumentIndexPage, LegalDocumentPage, Status

TODAY = datetime.date(2026, 11, 30)


def soup_of(response):
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def numbers_listed(client, url, **query):
    soup = soup_of(client.get(url, query))
    return [row.get_text(strip=True) for row in soup.select(".document-table tbody th a")]


@pytest.fixture
def department_list(demo):
    return LegalDocumentIndexPage.objects.get(depth=3).url


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("legal.models._today", lambda: TODAY)
    return TODAY


def document(number):
    return LegalDocumentPage.objects.get(number=number)


# The model's rules.


@pytest.mark.parametrize(
    ("number", "well_formed"),
    [
        ("125/QĐ-SVHTTDL", True),
        ("12/2024/TT-BVHTTDL", True),
        ("125 / qđ - svhttdl", True),  # tidied to 125/QĐ-SVHTTDL
        ("QĐ-125", False),
        ("125", False),
        ("125/", False),
    ],
)
def test_number__must_be_a_number_a_slash_and_a_symbol(number, well_formed):
    assert numbers.is_well_formed(number) is well_formed


def test_validation__gives_vietnamese_messages(demo):
    page = document("125/QĐ-SVHTTDL")
    page.number = "Quyết định 125"
    page.effective_from = page.issued_on - datetime.timedelta(days=1)
    page.effective_until = page.effective_from - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        page.clean()
    messages = refused.value.message_dict
    assert "dấu gạch chéo" in messages["number"][0]
    assert "trước ngày ban hành" in messages["effective_from"][0]
    assert "ngày hết hiệu lực" in messages["effective_until"][0].lower()


def test_status__in_force_not_yet_expired_and_superseded(demo, today):
    assert document("125/QĐ-SVHTTDL").status() == Status.IN_FORCE
    assert document("15/CT-UBND").status() == Status.NOT_YET  # from 01/01/2027
    assert document("09/KH-SVHTTDL").status() == Status.EXPIRED  # until 31/12/2025
    assert document("48/QĐ-SVHTTDL").status() == Status.EXPIRED  # replaced by 125/QĐ


def test_status__the_list_query_agrees_with_each_page(demo, today):
    for status in Status:
        listed = set(LegalDocumentPage.objects.with_status(status).values_list("number", flat=True))
        computed = {d.number for d in LegalDocumentPage.objects.all() if d.status() == status}
        assert listed == computed, status


# Finding a document.


def test_list__newest_issued_first_with_status(client, department_list, today):
    soup = soup_of(client.get(department_list))
    rows = soup.select(".document-table tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == [
        "15/CT-UBND",
        "09/KH-SVHTTDL",
        "125/QĐ-SVHTTDL",
        "48/QĐ-SVHTTDL",
    ]
    statuses = [row.select_one(".document-status").get_text(strip=True) for row in rows]
    assert statuses == ["Chưa có hiệu lực", "Hết hiệu lực", "Còn hiệu lực", "Hết hiệu lực"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"loai": "quyet-dinh"}, ["125/QĐ-SVHTTDL", "48/QĐ-SVHTTDL"]),
        ({"co-quan": "uy-ban-nhan-dan-tinh-ha-nam"}, ["15/CT-UBND"]),
        ({"linh-vuc": "du-lich"}, ["09/KH-SVHTTDL"]),
        ({"nam": "2021"}, ["48/QĐ-SVHTTDL"]),
        ({"hieu-luc": "con-hieu-luc"}, ["125/QĐ-SVHTTDL"]),
        ({"hieu-luc": "het-hieu-luc"}, ["09/KH-SVHTTDL", "48/QĐ-SVHTTDL"]),
        ({"hieu-luc": "chua-hieu-luc"}, ["15/CT-UBND"]),
        # Combined: every filter narrows the others.
        ({"loai": "quyet-dinh", "hieu-luc": "het-hieu-luc"}, ["48/QĐ-SVHTTDL"]),
        ({"linh-vuc": "cai-cach-hanh-chinh", "nam": "2024"}, ["125/QĐ-SVHTTDL"]),
        ({"loai": "ke-hoach", "nam": "2021"}, []),
    ],
)
def test_filters__alone_and_combined(client, department_list, today, query, expected):
    assert numbers_listed(client, department_list, **query) == expected


@pytest.mark.parametrize("typed", ["125/QĐ-SVHTTDL", "125/qd-svhttdl", "125 QĐ", " 125 qđ "])
def test_number__is_found_however_it_is_typed(client, department_list, typed):
    assert numbers_listed(client, department_list, q=typed) == ["125/QĐ-SVHTTDL"]


def test_words__ignore_diacritics(client, department_list):
    assert numbers_listed(client, department_list, q="quy che cong thong tin") == [
        "125/QĐ-SVHTTDL",
        "48/QĐ-SVHTTDL",
    ]
    assert numbers_listed(client, department_list, q="lễ hội") == ["15/CT-UBND"]


def test_bad_values__are_left_out_with_a_message(client, department_list, today):
    response = client.get(
        department_list, {"nam": "abcd", "loai": "khong-co", "linh-vuc": "du-lich"}
    )
    soup = soup_of(response)
    alert = soup.select_one(".usa-alert").get_text(" ", strip=True)
    assert "Nhập năm" in alert
    # The valid filter still applies.
    assert [row.get_text(strip=True) for row in soup.select(".document-table tbody th a")] == [
        "09/KH-SVHTTDL"
    ]


def test_each_filter_state_is_one_shareable_address(client, department_list):
    soup = soup_of(client.get(department_list, {"loai": "quyet-dinh", "page": "1"}))
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical.endswith(f"{department_list}?loai=quyet-dinh")
    form = soup.select_one("form.document-filter")
    assert form["method"] == "get"
    assert {field["name"] for field in form.select("[name]")} == {
        "q",
        "loai",
        "co-quan",
        "linh-vuc",
        "nam",
        "hieu-luc",
    }


def test_list__costs_a_constant_number_of_queries(
    client, department_list, django_assert_max_num_queries
):
    client.get(department_list)  # caches warmed, as for any visitor after the first
    for query in ({}, {"loai": "quyet-dinh", "hieu-luc": "het-hieu-luc"}, {"q": "125 QĐ"}):
        with django_assert_max_num_queries(12):
            client.get(department_list, query)


# Reading a document.


def test_page__shows_its_facts_files_and_both_ends_of_a_replacement(client, demo, today):
    new, old = document("125/QĐ-SVHTTDL"), document("48/QĐ-SVHTTDL")
    soup = soup_of(client.get(new.url))
    facts = {
        row.th.get_text(strip=True): row.td.get_text(" ", strip=True)
        for row in soup.select(".legal-document__facts tr")
    }
    assert facts["Số, ký hiệu"] == "125/QĐ-SVHTTDL"
    assert facts["Loại văn bản"] == "Quyết định"
    assert facts["Ngày ban hành"] == "15/03/2024"
    assert facts["Thay thế văn bản"] == "48/QĐ-SVHTTDL"
    download = soup.select_one(".legal-document__file a[download]")
    assert "PDF" in soup.select_one(".legal-document__file-meta").get_text()
    assert soup.select_one("iframe.legal-document__viewer")["src"] == download["href"]

    old_soup = soup_of(client.get(old.url))
    assert old_soup.select_one(".document-status").get_text(strip=True) == "Hết hiệu lực"
    replaced_by = [a.get_text() for a in old_soup.select(".legal-document__facts a")]
    assert replaced_by == ["125/QĐ-SVHTTDL"]

    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "125/QĐ-SVHTTDL"
    assert data["legislationLegalForce"] == "InForce"

    served = client.get(download["href"])
    assert served["X-Frame-Options"] == "SAMEORIGIN"  # the page's own viewer may show it
    assert served["Content-Type"] == "application/pdf"


def test_feed__lists_the_lists_newest_documents(client, department_list):
    response = client.get(department_list + "rss/")
    assert response.status_code == HTTPStatus.OK
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.entries[0].title.startswith("15/CT-UBND")
    assert len(feed.entries) == 4


def test_sitemap_and_search_include_documents(client, demo):
    sitemap = client.get("/sitemap-trang.xml").content.decode()
    assert document("125/QĐ-SVHTTDL").full_url in sitemap
    response = client.get("/tim-kiem/", {"q": "noi quy ban doc", "loai": "van-ban"})
    titles = [
        " ".join(h3.get_text().split()) for h3 in soup_of(response).select(".search-result h3")
    ]
    assert titles == ["Nội quy phục vụ bạn đọc của Thư viện tỉnh"]


def test_status__a_restricted_replacement_says_nothing_to_the_public(client, demo, today):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=document("125/QĐ-SVHTTDL"), restriction_type=PageViewRestriction.LOGIN
    )
    old = document("48/QĐ-SVHTTDL")
    assert old.status() == Status.IN_FORCE
    soup = soup_of(client.get(old.url))
    assert soup.select_one(".document-status").get_text(strip=True) == "Còn hiệu lực"
    assert "125/QĐ-SVHTTDL" not in soup.get_text()
    department = LegalDocumentIndexPage.objects.get(depth=3).url
    assert "48/QĐ-SVHTTDL" not in numbers_listed(client, department, **{"hieu-luc": "het-hieu-luc"})


def test_deep_page_of_a_long_list__costs_the_same_queries(
    client, demo, django_assert_max_num_queries
):
    from django.core.management import call_command

    call_command("seed_scale", units=2, news=0, documents=300, questions=0, weeks=0)
    index = max(LegalDocumentIndexPage.objects.all(), key=lambda i: i.get_children().count())
    assert index.get_children().count() > 60
    client.get(index.url)
    for query in ({"page": "4"}, {"page": "4", "hieu-luc": "con-hieu-luc"}):
        with django_assert_max_num_queries(12):
            response = client.get(index.url, query)
        assert len(soup_of(response).select(".document-table tbody tr")) > 0
