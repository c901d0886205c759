"""The portal's home page for a visitor."""

from http import HTTPStatus

from bs4 import BeautifulSoup

from departments.models import DepartmentPage
from home.models import HomePage, HomePageFeaturedNews
from news.models import NewsPage


def home_soup(client):
    response = client.get("/")
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def test_featured_news__in_the_boards_order_live_only(client, demo):
    home = HomePage.objects.get()
    first, second, hidden = NewsPage.objects.live().order_by("date")[:3]
    for position, item in enumerate((second, hidden, first)):
        HomePageFeaturedNews.objects.create(page=home, news=item, sort_order=position)
    hidden.unpublish()
    featured = [h.get_text(strip=True) for h in home_soup(client).select(".featured-news h3")]
    assert featured == [second.title, first.title]


def test_no_featured_section_without_featured_news(client, demo):
    assert home_soup(client).select(".featured-news") == []


def test_latest_news__newest_first_with_units(client, demo):
    items = home_soup(client).select(".latest-news article")
    newest = NewsPage.objects.live().order_by("-date")[:10]
    assert [item.h3.get_text(strip=True) for item in items] == [n.title for n in newest]
    for item, news in zip(items, newest, strict=True):
        unit = news.unit
        if unit is not None:
            assert item.select_one(".news-item__unit").get_text() == unit.title


def test_a_block_per_unit_with_its_latest_news(client, demo):
    soup = home_soup(client)
    blocks = soup.select(".unit-block")
    units = DepartmentPage.objects.live().order_by("path")
    assert [block.h2.get_text(strip=True) for block in blocks] == [u.title for u in units]
    for block, unit in zip(blocks, units, strict=True):
        expected = NewsPage.objects.live().descendant_of(unit).order_by("-date")[:3]
        assert [h.get_text(strip=True) for h in block.select("h3")] == [n.title for n in expected]


def test_navigation_reaches_every_unit(client, demo):
    links = {a.get_text(): a["href"] for a in home_soup(client).select("nav.unit-nav a")}
    for unit in DepartmentPage.objects.live():
        assert links[unit.title] == unit.url


def test_bad_query_strings_on_home(client, demo):
    for query in ("?page=abc", "?page=-1", "?year=abcd", "?q=%3Cb%3E"):
        assert client.get("/" + query).status_code == HTTPStatus.OK
