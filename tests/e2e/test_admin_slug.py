import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Đồng chí Nguyễn Văn Trọng phát biểu tại Hội nghị",
            "dong-chi-nguyen-van-trong-phat-bieu-tai-hoi-nghi",
        ),
        ("Sáng 25/11/2021, nghỉ lễ 30/4 – 1/5", "sang-25-11-2021-nghi-le-30-4-1-5"),
        ("\u00d0ại hội \u00f0oàn Quốc khánh 2/9", "dai-hoi-doan-quoc-khanh-2-9"),
    ],
)
def test_admin_slug__is_transliterated_as_the_editor_types_a_title(
    live_server, tab, django_user_model, unit_news_index, title, slug
):
    django_user_model.objects.create_superuser("bientap", "bientap@example.vn", "mat-khau-thu")
    sign_in(tab, live_server, "bientap", "mat-khau-thu")

    tab.goto(f"{live_server.url}/admin/pages/add/news/newspage/{unit_news_index.pk}/")
    field = tab.locator("#id_title")
    field.click()
    field.press_sequentially(title)
    field.blur()

    # The admin's sync from title to slug runs after a short debounce: expect() waits for it.
    expect(tab.locator("#id_slug")).to_have_value(slug)
    assert tab.locator("html").get_attribute("lang") == "vi"
