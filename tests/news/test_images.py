"""Pictures are sized for the screen: WebP with a JPEG fallback in several widths, width
and height given, the article's first picture fetched first and the rest when needed."""

import pytest
from bs4 import BeautifulSoup

from news.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def widths(srcset):
    return sorted(int(part.split()[-1].rstrip("w")) for part in srcset.split(","))


def test_article_pictures__webp_and_jpeg_in_three_widths_the_first_one_fetched_first(client, demo):
    article = next(page for page in NewsPage.objects.live() if page.lead_image_id())
    body = soup_of(client, article.url).select_one(".article__body")
    assert "{#" not in body.get_text() and "#}" not in body.get_text()
    pictures = body.select("picture")
    assert pictures
    for number, picture in enumerate(pictures):
        (webp,) = picture.select('source[type="image/webp"]')
        assert widths(webp["srcset"]) == [400, 800, 1200]
        assert "46rem" in webp["sizes"]
        image = picture.img
        assert image["src"].endswith(".jpg") and widths(image["srcset"]) == [400, 800, 1200]
        assert int(image["width"]) > 0 and int(image["height"]) > 0 and image["alt"]
        if number == 0:
            assert image["fetchpriority"] == "high" and not image.get("loading")
        else:
            assert image["loading"] == "lazy" and not image.get("fetchpriority")


def test_list_thumbnails__the_size_they_are_shown_at(client, demo):
    lists = NewsIndexPage.objects.all()
    shown = [soup_of(client, index.url).select(".news-item picture") for index in lists]
    thumbnails = [picture for pictures in shown for picture in pictures]
    assert thumbnails
    for picture in thumbnails:
        (webp,) = picture.select('source[type="image/webp"]')
        # 6 rem on a phone, 8 rem wider, at one and two device pixels a CSS pixel.
        assert widths(webp["srcset"]) == [96, 128, 192, 256]
        assert webp["sizes"] == "(max-width: 29.99rem) 6rem, 8rem"
        image = picture.img
        assert (image["width"], image["height"]) == ("96", "60")
        assert image["loading"] == "lazy"
