"""A news list: pages, months, topics, and bad query strings (issue: the public portal)."""

import datetime
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from news.models import NewsIndexPage, NewsPage

from ..factories import DepartmentPageFactory, NewsIndexPageFactory, NewsPageFactory
from ..helpers import make_home_page, rolled_back


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [heading.get_text(strip=True) for heading in soup.select(".news-list h2")]


@pytest.fixture(scope="module")
def module_index(django_db_setup, django_db_blocker):
    """25 live articles, one every ten days from 1 January 2022, and one draft."""
    with rolled_back(django_db_blocker):
        unit = DepartmentPageFactory(
            parent=make_home_page(), title="Bảo tàng tỉnh", short_name="BTT"
        )
        index = NewsIndexPageFactory(parent=unit)
        start = timezone.make_aware(datetime.datetime(2022, 1, 1, 8))
        for number in range(25):
            article = NewsPageFactory(
                parent=index,
                title=f"Tin số {number:02d}",
                date=start + datetime.timedelta(days=10 * number),
            )
            if number % 5 == 0:
                article.tags.add("Di sản")
                article.save()
        draft = NewsPageFactory(parent=index, title="Tin nháp", live=False)
        draft.save_revision()
        yield index


@pytest.fixture
def index_with_news(module_index, db):
    return NewsIndexPage.objects.get(pk=module_index.pk)


def test_first_page__ten_newest(client, index_with_news):
    response = client.get(index_with_news.url)
    assert titles(response) == [f"Tin số {n:02d}" for n in range(24, 14, -1)]
    assert "Tin nháp" not in response.content.decode()


def test_third_page__the_rest(client, index_with_news):
    assert titles(client.get(index_with_news.url, {"page": 3})) == [
        f"Tin số {n:02d}" for n in range(4, -1, -1)
    ]


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999999999999999999", "1.5", ""])
def test_bad_page_numbers__give_a_normal_page(client, index_with_news, page):
    response = client.get(index_with_news.url, {"page": page})
    assert response.status_code == HTTPStatus.OK
    assert len(titles(response)) in (5, 10)


def test_filter_by_year_and_month(client, index_with_news):
    # Articles 3, 4 and 5 fall on 31 January, 10 February and 20 February 2022.
    february = titles(client.get(index_with_news.url, {"year": 2022, "month": 2}))
    assert february == ["Tin số 05", "Tin số 04"]
    assert len(titles(client.get(index_with_news.url, {"year": 2022}))) == 10
    assert titles(client.get(index_with_news.url, {"year": 2021})) == []


@pytest.mark.parametrize(
    "query", [{"year": "abcd"}, {"year": "2022", "month": "13"}, {"month": "2"}, {"year": "-5"}]
)
def test_bad_filters__are_a_404(client, index_with_news, query):
    assert client.get(index_with_news.url, query).status_code == HTTPStatus.NOT_FOUND


def test_pagination_keeps_the_filter(client, index_with_news):
    response = client.get(index_with_news.url, {"year": 2022})
    assert 'href="?year=2022&amp;page=2"' in response.content.decode()


def test_topic_page__lists_the_topics_news(client, index_with_news):
    response = client.get(index_with_news.url + "chu-de/di-san/")
    assert response.status_code == HTTPStatus.OK
    assert titles(response) == [f"Tin số {n:02d}" for n in (20, 15, 10, 5, 0)]
    assert "Chủ đề: Di sản" in response.content.decode()


def test_unknown_topic__is_a_404(client, index_with_news):
    response = client.get(index_with_news.url + "chu-de/khong-co/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Không tìm thấy trang" in response.content.decode()


def test_topic_slugs_are_ascii(index_with_news):
    article = NewsPage.objects.get(title="Tin số 00")
    article.tags.add("Đời sống văn hóa")
    article.save()
    assert sorted(article.tags.values_list("slug", flat=True)) == ["di-san", "doi-song-van-hoa"]
