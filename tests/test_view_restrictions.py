"""Private sections stay out of every public listing."""

from http import HTTPStatus

from wagtail.models import PageViewRestriction

from departments.models import unit_pages
from news.models import NewsPage


def test_restricted_unit__disappears_from_listings_and_comes_back(client, demo):
    library = unit_pages().get(short_name="TVT")
    article = NewsPage.objects.live().descendant_of(library).first()
    assert article.title in client.get("/rss/").content.decode()

    restriction = PageViewRestriction.objects.create(page=library, restriction_type="login")
    for url in ("/", "/rss/", "/sitemap-trang.xml"):
        assert article.title not in client.get(url).content.decode(), url
    assert client.get(article.url).status_code == HTTPStatus.FOUND  # to the login page

    restriction.delete()
    assert article.title in client.get("/rss/").content.decode()
