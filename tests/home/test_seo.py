"""Search engines see each page as itself: its own title, heading, description and
canonical address, and structured data for the organisation and the breadcrumb."""

import json

import pytest
from bs4 import BeautifulSoup

from departments.models import DepartmentPage, unit_pages
from home.models import StandardPage
from news.models import NEWS_PER_PAGE, NewsIndexPage, NewsPage, NewsTag, topic_url
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db
DEMO_SITE = "http://127.0.0.1:8000"


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def head(soup):
    canonical = soup.find("link", rel="canonical")
    description = soup.find("meta", attrs={"name": "description"})
    return {
        "title": soup.title.get_text(),
        "h1": " ".join(soup.h1.get_text().split()),
        "canonical": canonical["href"] if canonical else None,
        "description": description["content"] if description else None,
    }


def json_ld(soup, kind):
    found = [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]
    return [data for data in found if data["@type"] == kind]


def unit_lists():
    return [NewsIndexPage.objects.child_of(unit).get() for unit in unit_pages()]


def test_each_units_news_list_has_its_own_title_heading_and_description(client, demo):
    seen = {"title": set(), "h1": set(), "description": set()}
    for news_list in unit_lists():
        found = head(page_of(client, news_list.url))
        unit = news_list.get_parent()
        assert unit.title in found["title"] and unit.title in found["h1"]
        assert found["canonical"] == DEMO_SITE + news_list.url
        for key in seen:
            assert found[key] not in seen[key], (key, found[key])
            seen[key].add(found[key])


def test_topic_pages_name_their_topic_and_unit_and_are_their_own_canonical(client, demo):
    news_list = unit_lists()[0]
    unit = news_list.get_parent()
    tag = NewsTag.objects.filter(tagged_news__content_object__news_index=news_list).first()
    url = topic_url(news_list, tag)
    found = head(page_of(client, url))
    assert tag.name in found["title"] and unit.title in found["title"]
    assert tag.name in found["h1"] and unit.title in found["h1"]
    assert tag.name in found["description"] and unit.title in found["description"]
    assert found["canonical"] == DEMO_SITE + url


def test_later_pages_and_months_of_a_list_are_their_own_canonical(client, demo):
    news_list = unit_lists()[0]
    for number in range(NEWS_PER_PAGE):
        NewsPageFactory(parent=news_list, title=f"Tin bổ sung {number}")
    second = head(page_of(client, news_list.url + "?page=2"))
    assert second["canonical"] == f"{DEMO_SITE}{news_list.url}?page=2"
    assert (
        "2" in second["title"] and second["title"] != head(page_of(client, news_list.url))["title"]
    )
    # Anything but a page number above one is left out: page 1 is the list itself.
    first = head(page_of(client, news_list.url + "?page=1&utm_source=x"))
    assert first["canonical"] == DEMO_SITE + news_list.url
    article = NewsPage.objects.child_of(news_list).live().order_by("-date").first()
    month = f"?year={article.date.year}&month={article.date.month}"
    assert head(page_of(client, news_list.url + month))["canonical"] == (
        f"{DEMO_SITE}{news_list.url}{month}"
    )


@pytest.mark.parametrize("kind", ["home", "unit", "news list", "article", "standard page"])
def test_every_page_type_has_a_description(client, demo, kind):
    urls = {
        "home": "/",
        "unit": DepartmentPage.objects.first().url,
        "news list": unit_lists()[0].url,
        "article": NewsPage.objects.live().first().url,
        "standard page": StandardPage.objects.live().first().url,
    }
    description = head(page_of(client, urls[kind]))["description"]
    assert description and 10 <= len(description) <= 300


def test_breadcrumb_and_organisation_structured_data(client, demo):
    article = NewsPage.objects.live().order_by("-date").first()
    soup = page_of(client, article.url)
    (trail,) = json_ld(soup, "BreadcrumbList")
    items = trail["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert items[0] == {
        "@type": "ListItem",
        "position": 1,
        "name": "Trang chủ",
        "item": f"{DEMO_SITE}/",
    }
    assert items[-1]["name"] == article.title and items[-1]["item"] == DEMO_SITE + article.url
    assert json_ld(soup, "NewsArticle") and not json_ld(soup, "GovernmentOrganization")

    (organisation,) = json_ld(page_of(client, "/"), "GovernmentOrganization")
    assert organisation["url"] == f"{DEMO_SITE}/"
    assert organisation["name"].startswith("Sở Văn hóa")
