"""A unit can also be served at its own host name; links and canonical URLs stay right."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from departments.models import unit_pages
from news.models import NewsPage

UNIT_HOST = "thuvien.example.vn"


@pytest.fixture
def library_site(demo):
    library = unit_pages().get(short_name="TVT")
    Site.objects.create(hostname=UNIT_HOST, port=80, root_page=library, site_name="Thư viện tỉnh")
    return library


def soup_of(client, url, host=None):
    extra = {"HTTP_HOST": host} if host else {}
    response = client.get(url, **extra)
    assert response.status_code == HTTPStatus.OK, url
    return BeautifulSoup(response.content, "html.parser")


def test_unit_home_is_served_at_its_host(client, library_site):
    soup = soup_of(client, "/", host=UNIT_HOST)
    assert soup.h1.get_text() == library_site.title
    navigation = {a.get_text(): a["href"] for a in soup.select("nav.unit-nav a")}
    assert navigation["Trang chủ"] == "http://127.0.0.1:8000/"
    assert navigation["Bảo tàng tỉnh"] == "http://127.0.0.1:8000/bao-tang-tinh/"


def test_unit_article__canonical_on_the_units_host_from_both_hosts(client, library_site):
    article = NewsPage.objects.live().descendant_of(library_site).first()
    canonical = f"http://{UNIT_HOST}/tin-tuc/{article.slug}/"
    on_unit = soup_of(client, f"/tin-tuc/{article.slug}/", host=UNIT_HOST)
    assert on_unit.find("link", rel="canonical")["href"] == canonical
    on_portal = soup_of(client, f"/thu-vien-tinh/tin-tuc/{article.slug}/")
    assert on_portal.find("link", rel="canonical")["href"] == canonical


def test_unit_news_still_appears_on_the_portal_with_working_links(client, library_site):
    article = NewsPage.objects.live().descendant_of(library_site).order_by("-date").first()
    soup = soup_of(client, "/")
    links = [a["href"] for a in soup.select(".latest-news a, .unit-block a")]
    # On the portal, the portal's own path is used; it works, and its canonical URL is the
    # unit's host (see above).
    portal_path = f"/thu-vien-tinh/tin-tuc/{article.slug}/"
    assert portal_path in links
    assert client.get(portal_path).status_code == HTTPStatus.OK
    assert client.get(f"/tin-tuc/{article.slug}/", HTTP_HOST=UNIT_HOST).status_code == 200


def test_search_on_the_units_host_stays_in_the_unit(client, library_site):
    soup = soup_of(client, "/tim-kiem/?q=hoi+nghi+tong+ket", host=UNIT_HOST)
    assert soup.select(".search-result") == []
    soup = soup_of(client, "/tim-kiem/?q=thu+vien", host=UNIT_HOST)
    assert soup.select(".search-result")
