"""Every page type renders for a visitor, with the demo's content."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup

from departments.models import unit_pages
from home.models import StandardPage
from news.models import NewsIndexPage, NewsPage

SEED_SLUG_START = "hoi-nghi-tong-ket-cong-tac-thi-dua"


def _get(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return BeautifulSoup(response.content, "html.parser")


def test_home__lists_latest_news_with_units_and_every_unit(client, demo):
    soup = _get(client, "/")
    assert soup.html["lang"] == "vi"
    latest = soup.find("section", class_="latest-news")
    assert latest.h2.get_text() == "Tin mới"
    newest, second = NewsPage.objects.live().order_by("-date")[:2]
    lead = soup.find("section", class_="lead-story")
    assert " ".join(lead.h2.get_text().split()) == newest.title
    first_item = latest.select_one(".news-item")
    assert first_item.h3.get_text(strip=True) == second.title
    assert second.unit.title in first_item.get_text()
    navigation = soup.find("nav", class_="unit-nav").get_text()
    for unit in unit_pages().live():
        assert unit.title in navigation


def test_unit_page__shows_introduction_leaders_contact_and_news(client, demo):
    unit = unit_pages().get(short_name="TTXTDL")
    soup = _get(client, unit.url)
    text = soup.get_text(" ", strip=True)
    assert soup.h1.get_text() == unit.title
    assert "Chức năng, nhiệm vụ" in text
    assert "Nguyễn Đức Nguyên" in text
    assert unit.address in soup.find("address").get_text()
    assert "Hội nghị tổng kết công tác thi đua" in text


def test_news_index__lists_its_news_newest_first_and_paginates(client, demo):
    index = NewsIndexPage.objects.get(
        slug="tin-tuc", depth=4, title="Tin tức", url_path__contains="trung-tam-xuc-tien-du-lich"
    )
    soup = _get(client, index.url)
    titles = [h2.get_text(strip=True) for h2 in soup.select(".news-list h2")]
    expected = list(
        NewsPage.objects.live().child_of(index).order_by("-date").values_list("title", flat=True)
    )
    assert titles == expected
    assert _get(client, index.url + "?page=abc").select(".news-list h2")


def test_news_page__seed_article_shows_date_summary_captions_and_source(client, demo):
    article = NewsPage.objects.get(slug__startswith=SEED_SLUG_START)
    soup = _get(client, article.url)
    assert soup.h1.get_text() == article.title
    assert soup.find("time").get_text() == "Thứ Năm, 25/11/2021"
    assert soup.find("time")["datetime"].startswith("2021-11-25T08:00:00+07:00")
    assert soup.find(class_="article__summary").get_text() == article.summary
    captions = [caption.get_text(" ", strip=True) for caption in soup.select("figure figcaption")]
    assert len(captions) == 2
    assert captions[0].startswith("Đồng chí Nguyễn Đức Nguyên, Trưởng Khối thi đua")
    assert captions[1].startswith("Đồng chí Nguyễn Văn Trọng, Phó Giám đốc Sở")
    images = soup.select("figure img")
    assert len(images) == 2 and all(img["alt"] for img in images)
    assert soup.find(class_="article__source").get_text(strip=True) == "Nguồn: TTXTDL"
    breadcrumb = [a.get_text() for a in soup.select("nav.breadcrumb a")]
    assert breadcrumb == ["Trang chủ", "Trung tâm Xúc tiến Du lịch", "Tin tức"]


def test_standard_page__renders(client, demo):
    page = StandardPage.objects.live().first()
    soup = _get(client, page.url)
    assert soup.h1.get_text() == page.title


@pytest.mark.parametrize("url", ["/khong-co-trang-nay/", "/trung-tam-xuc-tien-du-lich/khong-co/"])
def test_missing_page__is_a_vietnamese_404(client, demo, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Không tìm thấy trang" in response.content.decode()


def test_draft__is_not_public(client, demo):
    article = NewsPage.objects.live().first()
    article.unpublish()
    assert client.get(article.url).status_code == HTTPStatus.NOT_FOUND
    assert article.title not in client.get("/").content.decode()
