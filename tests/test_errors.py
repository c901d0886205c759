"""Errors speak Vietnamese, and bad query strings never break a listing."""

from http import HTTPStatus

import pytest
from django.test import override_settings
from django.urls import path

from news.models import NewsIndexPage


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("hong/", broken_view)]


def test_404__is_vietnamese(client, demo):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    content = response.content.decode()
    assert "Không tìm thấy trang" in content and 'lang="vi"' in content


@override_settings(ROOT_URLCONF=__name__)
def test_500__is_vietnamese(client, db):
    client.raise_request_exception = False
    response = client.get("/hong/")
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    content = response.content.decode()
    assert "Lỗi máy chủ" in content and 'lang="vi"' in content


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=99999999999999999999",
        "year=abcd",
        "month=13&year=2021",
    ],
)
def test_listings__bad_query_strings_never_500(client, demo, query):
    for index in NewsIndexPage.objects.live():
        response = client.get(f"{index.url}?{query}")
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND), (index.url, query)
    for url in ("/", "/tim-kiem/", "/rss/"):
        assert client.get(f"{url}?{query}").status_code == HTTPStatus.OK
