"""The portal's home page for a visitor."""

from http import HTTPStatus

from bs4 import BeautifulSoup

from departments.models import unit_pages
from home.models import HomePage, HomePageFeaturedNews
from news.models import NewsPage


def home_soup(client):
    response = client.get("/")
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def titles(elements):
    return [" ".join(element.get_text().split()) for element in elements]


def test_lead_and_featured_news__in_the_boards_order_live_only(client, demo):
    home = HomePage.objects.get(locale__language_code="vi")
    first, second, hidden = NewsPage.objects.live().order_by("date")[:3]
    third = NewsPage.objects.live().order_by("date")[3]
    for position, item in enumerate((second, hidden, first, third)):
        HomePageFeaturedNews.objects.create(page=home, news=item, sort_order=position)
    hidden.unpublish()
    soup = home_soup(client)
    # The board's first live choice leads; the others follow in its order.
    assert titles(soup.select(".lead-story h2")) == [second.title]
    assert titles(soup.select(".featured-news h3")) == [first.title, third.title]


def test_without_the_boards_choice_the_newest_article_leads(client, demo):
    soup = home_soup(client)
    newest = NewsPage.objects.live().order_by("-date").first()
    assert titles(soup.select(".lead-story h2")) == [newest.title]
    assert soup.select(".featured-news") == []


def test_latest_news__newest_first_with_units_after_the_lead(client, demo):
    items = home_soup(client).select(".latest-news .news-item")
    newest = NewsPage.objects.live().order_by("-date")[1:11]
    assert titles(item.h3 for item in items) == [n.title for n in newest]
    for item, news in zip(items, newest, strict=True):
        unit = news.unit
        if unit is not None:
            assert item.select_one(".news-item__unit").get_text() == unit.title


def test_no_article_twice_on_the_home_page(client, demo):
    soup = home_soup(client)
    links = [a["href"] for a in soup.select("main a") if a["href"].count("/") > 3]
    article_links = [
        href for href in links if NewsPage.objects.filter(url_path__endswith=href).exists()
    ]
    assert article_links and len(article_links) == len(set(article_links))


def test_a_compact_block_per_unit_with_news_not_shown_above(client, demo):
    soup = home_soup(client)
    blocks = soup.select(".unit-block")
    units = unit_pages().live().order_by("path")
    assert titles(block.h3 for block in blocks) == [u.title for u in units]
    shown = set(titles(soup.select(".lead-story h2, .latest-news h3")))
    for block, unit in zip(blocks, units, strict=True):
        expected = [
            n.title
            for n in NewsPage.objects.live().descendant_of(unit).order_by("-date")
            if n.title not in shown
        ][:3]
        assert titles(block.select("li a")) == expected
        assert not block.select(".news-item__summary")


def test_articles_without_a_picture_get_a_placeholder(client, demo):
    for item in home_soup(client).select(".latest-news .news-item"):
        assert item.select_one("picture") or item.select_one(".news-item__placeholder")


def test_navigation_reaches_every_unit(client, demo):
    links = {a.get_text(): a["href"] for a in home_soup(client).select("nav.unit-nav a")}
    for unit in unit_pages().live():
        assert links[unit.title] == unit.url


def test_bad_query_strings_on_home(client, demo):
    for query in ("?page=abc", "?page=-1", "?year=abcd", "?q=%3Cb%3E"):
        assert client.get("/" + query).status_code == HTTPStatus.OK
