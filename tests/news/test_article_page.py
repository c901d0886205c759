"""What a reader finds on an article page."""

import json
from http import HTTPStatus

from bs4 import BeautifulSoup

from departments.models import unit_pages
from news.models import NewsPage

# The demo's Site record: every absolute address of the portal is written on it.
DEMO_SITE = "http://127.0.0.1:8000"

SEED_TITLE_START = "Hội nghị tổng kết công tác thi đua"


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def test_article__open_graph_and_canonical(client, demo):
    article = NewsPage.objects.get(title__startswith=SEED_TITLE_START)
    soup = soup_of(client, article.url)
    meta = {tag["property"]: tag["content"] for tag in soup.select("meta[property]")}
    assert meta["og:type"] == "article"
    assert meta["og:title"] == article.title
    assert meta["og:description"] == article.summary
    assert meta["og:url"] == article.full_url
    assert meta["article:published_time"].startswith("2021-11-25T08:00:00")
    assert soup.find("link", rel="canonical")["href"] == article.full_url


def test_article__describes_itself_to_search_engines(client, demo):
    article = NewsPage.objects.get(title__startswith=SEED_TITLE_START)
    soup = soup_of(client, article.url)
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title[:110]
    assert data["datePublished"].startswith("2021-11-25T08:00:00")
    assert data["mainEntityOfPage"] == article.full_url
    assert data["publisher"]["name"] == "Sở Văn hóa, Thể thao và Du lịch tỉnh Hà Nam"

    pictured = NewsPage.objects.exclude(featured_image=None).first()
    data = json.loads(
        soup_of(client, pictured.url).find("script", type="application/ld+json").string
    )
    assert data["image"][0].startswith(f"{DEMO_SITE}/media/images/")


def test_article__featured_image_is_shared_as_og_image(client, demo):
    article = NewsPage.objects.exclude(featured_image=None).first()
    soup = soup_of(client, article.url)
    image = soup.find("meta", property="og:image")["content"]
    assert image.startswith(f"{DEMO_SITE}/") and image.endswith(".jpg")


def test_article__topics_link_to_topic_pages(client, demo):
    article = NewsPage.objects.get(title__startswith=SEED_TITLE_START)
    soup = soup_of(client, article.url)
    links = {a.get_text(): a["href"] for a in soup.select(".article__tags a")}
    assert links["Hội nghị"].endswith("/tin-tuc/chu-de/hoi-nghi/")
    assert client.get(links["Hội nghị"]).status_code == HTTPStatus.OK


def test_article__related_news_from_the_same_unit_and_latest_news_aside(client, demo):
    article = NewsPage.objects.get(title__startswith=SEED_TITLE_START)
    unit = unit_pages().get(short_name="TTXTDL")
    soup = soup_of(client, article.url)
    related = [h.get_text(strip=True) for h in soup.select(".related-news h3")]
    same_unit = set(
        NewsPage.objects.live()
        .descendant_of(unit)
        .not_page(article)
        .values_list("title", flat=True)
    )
    assert related and set(related) <= same_unit
    aside = [a.get_text(strip=True) for a in soup.select(".aside-news a")]
    newest = NewsPage.objects.live().not_page(article).order_by("-date")[:5]
    assert aside == [item.title for item in newest]


def test_article__share_links_and_print_stylesheet(client, demo):
    article = NewsPage.objects.get(title__startswith=SEED_TITLE_START)
    soup = soup_of(client, article.url)
    shares = [a["href"] for a in soup.select(".article__share a")]
    assert any(
        href.startswith("https://www.facebook.com/sharer/sharer.php?u=http") for href in shares
    )
    assert any(href.startswith("mailto:?subject=") for href in shares)
    assert soup.find("link", rel="stylesheet", media="print")["href"].endswith("print.css")


def test_article__breadcrumb_and_author(client, demo):
    article = NewsPage.objects.get(title__startswith=SEED_TITLE_START)
    article.author = "Phòng Hành chính"
    article.save_revision().publish()
    soup = soup_of(client, article.url)
    assert soup.select_one("nav.breadcrumb [aria-current=page]").get_text() == article.title
    assert soup.select_one(".article__author").get_text(strip=True) == "Tác giả: Phòng Hành chính"
