import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_slug__is_transliterated_as_the_editor_types_a_title(
    live_server, tab, django_user_model, unit_news_index
):
    django_user_model.objects.create_superuser("bientap", "bientap@example.vn", "mat-khau-thu")
    sign_in(tab, live_server, "bientap", "mat-khau-thu")

    tab.goto(f"{live_server.url}/admin/pages/add/news/newspage/{unit_news_index.pk}/")
    title = tab.locator("#id_title")
    title.click()
    title.press_sequentially("Đồng chí Nguyễn Văn Trọng phát biểu tại Hội nghị")
    title.blur()

    # The admin's sync from title to slug runs after a short debounce: expect() waits for it.
    expect(tab.locator("#id_slug")).to_have_value(
        "dong-chi-nguyen-van-trong-phat-bieu-tai-hoi-nghi"
    )
    assert tab.locator("html").get_attribute("lang") == "vi"
