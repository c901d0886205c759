"""RSS feeds, the sitemap and robots.txt, and the links that advertise them."""

from datetime import datetime
from http import HTTPStatus
from xml.etree import ElementTree

import feedparser
from bs4 import BeautifulSoup
from django.core.checks import run_checks
from django.test import override_settings
from wagtail.models import Site

from departments.models import unit_pages
from news.models import NewsPage

# The demo's Site record: every absolute address of the portal is written on it.
DEMO_SITE = "http://127.0.0.1:8000"

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    return feed


def test_portal_feed__lists_the_newest_live_news(client, demo):
    feed = parse_feed(client, "/rss/")
    newest = NewsPage.objects.live().order_by("-date")
    assert [entry.title for entry in feed.entries] == [item.title for item in newest[:20]]
    first = feed.entries[0]
    assert first.link.startswith("http://") and first.link.endswith(newest[0].url)
    assert first.summary == newest[0].summary
    assert first.published_parsed[:3] == newest[0].date.utctimetuple()[:3]
    assert feed.feed.title.startswith("Tin tức của")


def test_unit_feed__lists_only_that_units_news(client, demo):
    library = unit_pages().get(short_name="TVT")
    feed = parse_feed(client, f"/rss/{library.slug}/")
    expected = NewsPage.objects.live().descendant_of(library).order_by("-date")
    assert [entry.title for entry in feed.entries] == [item.title for item in expected]
    assert library.full_name in feed.feed.title


def test_unknown_unit_feed__is_a_404(client, demo):
    assert client.get("/rss/khong-co/").status_code == HTTPStatus.NOT_FOUND


def test_feeds_are_advertised_where_they_belong(client, demo):
    library = unit_pages().get(short_name="TVT")
    article = NewsPage.objects.live().descendant_of(library).first()
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert [
        link["href"] for link in home.select('link[rel=alternate][type="application/rss+xml"]')
    ] == [f"{DEMO_SITE}/rss/"]
    for url in (library.url, library.get_children().first().url, article.url):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        hrefs = [
            link["href"] for link in soup.select('link[rel=alternate][type="application/rss+xml"]')
        ]
        assert hrefs == [f"{DEMO_SITE}/rss/", f"{DEMO_SITE}/rss/{library.slug}/"], url


def test_sitemap__lists_every_live_page_and_nothing_else(client, demo):
    draft = NewsPage.objects.live().first()
    draft.unpublish()
    index = client.get("/sitemap.xml")
    assert index.status_code == HTTPStatus.OK
    sections = [
        node.text
        for node in ElementTree.fromstring(index.content).findall("sm:sitemap/sm:loc", SITEMAP_NS)
    ]
    assert sections == [f"{DEMO_SITE}/sitemap-trang.xml"]
    locations = set()
    for section in sections:
        response = client.get(section.removeprefix(DEMO_SITE))
        assert response.status_code == HTTPStatus.OK
        root = ElementTree.fromstring(response.content)
        locations |= {node.text for node in root.findall("sm:url/sm:loc", SITEMAP_NS)}
    from wagtail.models import Page

    live = Page.objects.live().public().filter(depth__gte=2)
    assert locations == {page.full_url for page in live}
    assert draft.full_url not in locations


def test_sitemap_index__dates_each_file_by_the_newest_publication(client, demo):
    from wagtail.models import Page

    article = NewsPage.objects.live().order_by("last_published_at").first()
    article.save_revision().publish()
    article.refresh_from_db()
    newest = max(
        Page.objects.live()
        .exclude(last_published_at=None)
        .values_list("last_published_at", flat=True)
    )
    assert newest == article.last_published_at

    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    lastmods = [
        datetime.fromisoformat(node.text)
        for node in index.findall("sm:sitemap/sm:lastmod", SITEMAP_NS)
    ]
    assert lastmods == [article.last_published_at]


def test_robots_txt__points_to_the_sitemap(client, demo):
    response = client.get("/robots.txt")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {DEMO_SITE}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_sitemap__is_split_into_files_of_bounded_size(client, demo, settings):
    from home import sitemaps

    original = sitemaps.PortalSitemap.limit
    sitemaps.PortalSitemap.limit = 10
    try:
        index = ElementTree.fromstring(client.get("/sitemap.xml").content)
        sections = [node.text for node in index.findall("sm:sitemap/sm:loc", SITEMAP_NS)]
        assert sections[1] == f"{DEMO_SITE}/sitemap-trang.xml?p=2"
        from wagtail.models import Page

        live = Page.objects.live().public().filter(depth__gte=2).count()
        assert len(sections) == -(-live // 10)
        sizes = []
        for section in sections:
            root = ElementTree.fromstring(client.get(section.removeprefix(DEMO_SITE)).content)
            sizes.append(len(root.findall("sm:url", SITEMAP_NS)))
        assert max(sizes) == 10 and sum(sizes) == live
    finally:
        sitemaps.PortalSitemap.limit = original


PUBLIC = "https://congthongtin.example.vn"


def use_public_site(demo_site_host="congthongtin.example.vn"):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = demo_site_host, 443
    site.save()
    return site


def test_one_public_address__whatever_host_the_request_named(client, demo):
    """Reached by an internal address, the portal still names itself by its Site record:
    canonical links, feeds, robots.txt, the sitemap index and its files agree."""
    use_public_site()
    internal = {"HTTP_HOST": "10.0.0.5:8000"}
    article = NewsPage.objects.live().order_by("-date").first()

    page = BeautifulSoup(client.get(article.url, **internal).content, "html.parser")
    assert page.find("link", rel="canonical")["href"] == PUBLIC + article.url
    assert page.find("link", type="application/rss+xml")["href"] == f"{PUBLIC}/rss/"

    feed = feedparser.parse(client.get("/rss/", **internal).content)
    assert feed.feed.link == f"{PUBLIC}/"
    assert all(entry.link.startswith(PUBLIC + "/") for entry in feed.entries)
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [f"{PUBLIC}/rss/"]

    robots = client.get("/robots.txt", **internal).content.decode()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots.splitlines()

    index = ElementTree.fromstring(client.get("/sitemap.xml", **internal).content)
    files = [loc.text for loc in index.findall("sm:sitemap/sm:loc", SITEMAP_NS)]
    assert files and all(loc.startswith(f"{PUBLIC}/sitemap-") for loc in files)
    sitemap = ElementTree.fromstring(client.get("/sitemap-trang.xml", **internal).content)
    pages = [loc.text for loc in sitemap.findall("sm:url/sm:loc", SITEMAP_NS)]
    assert pages and all(loc.startswith(PUBLIC + "/") for loc in pages)


def test_public_url_check__warns_when_the_default_site_disagrees(demo):
    with override_settings(GOVCMS_PUBLIC_URL=PUBLIC):
        warnings = [m for m in run_checks() if m.id == "govcms.W001"]
        assert len(warnings) == 1
        assert "127.0.0.1:8000" in warnings[0].msg
        use_public_site()
        assert [m for m in run_checks() if m.id == "govcms.W001"] == []
    assert [m for m in run_checks() if m.id == "govcms.W001"] == []
