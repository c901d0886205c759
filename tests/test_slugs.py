"""Slugs are ASCII and read naturally, "đ" included (DESIGN §6)."""

import json
import re

import pytest

from govcms.text import slug_formatters, vietnamese_slugify
from news.models import NewsPage

from .factories import NewsPageFactory


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Đồng chí Nguyễn Văn Trọng phát biểu tại Hội nghị",
            "dong-chi-nguyen-van-trong-phat-bieu-tai-hoi-nghi",
        ),
        ("Hội nghị thi đua", "hoi-nghi-thi-dua"),
        ("ĐẠI HỘI THỂ DỤC THỂ THAO", "dai-hoi-the-duc-the-thao"),
        ("đường Điện Biên", "duong-dien-bien"),
        ("Tuyển sinh năm 2022: 50 chỉ tiêu!", "tuyen-sinh-nam-2022-50-chi-tieu"),
        # Decomposed input (base letter + combining marks), as some keyboards produce it.
        ("Ho\u0302\u0323i nghi\u0323", "hoi-nghi"),
        # Dates and document numbers stay readable.
        ("Quốc khánh 2/9", "quoc-khanh-2-9"),
        ("Sáng 25/11/2021", "sang-25-11-2021"),
        ("Nghỉ lễ 30/4 – 1/5", "nghi-le-30-4-1-5"),
        ("Quyết định 125/QĐ-SVHTTDL", "quyet-dinh-125-qd-svhttdl"),
        # The look-alikes of "đ" (U+00F0, U+00D0) are d, not nothing.
        ("\u00d0ại hội \u00f0oàn", "dai-hoi-doan"),
    ],
)
def test_vietnamese_slugify(title, slug):
    assert vietnamese_slugify(title) == slug


def test_news_page_saved_without_slug__gets_the_transliterated_title(unit_news_index):
    article = NewsPageFactory(
        parent=unit_news_index, title="Đồng chí Nguyễn Văn Trọng phát biểu tại Hội nghị", slug=""
    )
    article.refresh_from_db()
    assert article.slug == "dong-chi-nguyen-van-trong-phat-bieu-tai-hoi-nghi"
    assert article.url.endswith("/dong-chi-nguyen-van-trong-phat-bieu-tai-hoi-nghi/")


def test_same_title_twice__gets_a_numbered_slug(unit_news_index):
    NewsPageFactory(parent=unit_news_index, title="Điểm tin tuần", slug="")
    second = NewsPageFactory(parent=unit_news_index, title="Điểm tin tuần", slug="")
    assert second.slug == "diem-tin-tuan-2"


def test_admin_slug_formatters__mirror_the_python_transliteration():
    """The rules sent to the admin's slug script give the same result as the server."""
    title = "Đồng chí Nguyễn Văn Trọng ĐẾN Ủy ban ngày 2/9, \u00d0oàn \u00f0i"
    text = title
    for pattern, replacement in slug_formatters():
        text = re.sub(pattern, replacement, text)
    assert text == "Dong chi Nguyen Van Trong DEN Uy ban ngay 2-9, Doan di"
    assert vietnamese_slugify(title) == "dong-chi-nguyen-van-trong-den-uy-ban-ngay-2-9-doan-di"


def test_admin_page_editor__slug_field_carries_the_vietnamese_formatters(
    admin_client, unit_news_index
):
    response = admin_client.get(
        f"/admin/pages/add/news/newspage/{unit_news_index.pk}/", HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 200
    match = re.search(rb'data-w-slug-formatters-value="([^"]+)"', response.content)
    assert match, "the slug input has no formatters"
    formatters = json.loads(match.group(1).decode().replace("&quot;", '"'))
    assert [["[đð]", "gu"], "d"] in formatters
    assert [["[ĐÐ]", "gu"], "D"] in formatters
    assert [["[/\\\\]", "gu"], "-"] in formatters
    assert not NewsPage.objects.exists()
