"""Where one English word needs two Vietnamese ones, each screen shows its own: "Parent" is
a page in the page search and chooser, a folder (thư mục) in the collection form; the
article's photo credit follows the press convention."""

import pytest
from bs4 import BeautifulSoup

from news.models import NewsPage


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def vi_admin(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
    return admin_client


def test_collection_form__names_its_parent_a_folder(vi_admin, demo):
    soup = soup_of(vi_admin.get("/admin/collections/add/"))
    label = soup.find("label", attrs={"for": "id_parent"}).get_text(" ", strip=True)
    assert label.startswith("Thư mục cha")
    assert "Trang cha" not in soup.get_text()


@pytest.mark.parametrize("address", ["/admin/choose-page/search/", "/admin/pages/search/"])
def test_page_chooser_and_search__name_the_parent_column_a_page(vi_admin, demo, address):
    soup = soup_of(vi_admin.get(address, {"q": "hội nghị"}))
    headings = [th.get_text(" ", strip=True) for th in soup.find_all("th")]
    assert "Trang cha" in headings
    assert not any("Thư mục" in heading for heading in headings)


def test_article__credits_its_photos_as_the_press_does(client, demo):
    article = NewsPage.objects.get(title__startswith="Hội nghị tổng kết")
    credits = [
        span.get_text(strip=True)
        for span in soup_of(client.get(article.url)).select(".figure__credit")
    ]
    assert credits and set(credits) == {"(Ảnh: TTXTDL)"}
