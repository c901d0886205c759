"""The portal's identity comes from its settings: emblem, icon, colour and footer lines."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Site

from home.models import PortalSettings

pytestmark = pytest.mark.django_db


def settings_of_demo():
    return PortalSettings.for_site(Site.objects.get(is_default_site=True))


def test_favicon__the_settings_icon_or_the_portals_default(client, demo):
    response = client.get("/favicon.ico")
    assert response.status_code == HTTPStatus.FOUND
    assert "max-age=86400" in response["Cache-Control"]
    settings = settings_of_demo()
    rendition = settings.icon.get_rendition("fill-32x32|format-png")
    assert response["Location"] == rendition.url
    assert (rendition.width, rendition.height) == (32, 32)
    assert rendition.file.name.endswith(".png") and rendition.file.storage.exists(
        rendition.file.name
    )
    settings.icon = None
    settings.save()
    default = client.get("/favicon.ico")
    assert default["Location"].endswith("govcms/favicon.png")


def test_pages_carry_the_icons_colour_emblem_and_footer_lines(client, demo):
    settings = settings_of_demo()
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.find("link", rel="apple-touch-icon", sizes="180x180")
    assert soup.find("link", rel="icon", sizes="32x32")
    emblem = soup.select_one(".site-header__emblem")
    assert emblem["alt"] == "" and emblem["height"] == "56" and emblem["width"]
    assert len(emblem["srcset"].split(",")) == 2  # and twice as sharp on dense screens
    footer = soup.select_one(".site-footer").get_text(" ", strip=True)
    for line in (settings.governing_agency, settings.responsible_person, settings.licence_number):
        assert line and line in footer
    theme = soup.find("link", rel="stylesheet", href=lambda href: href.startswith("/giao-dien.css"))
    css = client.get(theme["href"]).content.decode()
    assert f"--colour-brand:{settings.brand_colour}" in css


def test_colour__a_new_colour_is_a_new_style_sheet_address(client, demo):
    def theme_href():
        soup = BeautifulSoup(client.get("/").content, "html.parser")
        return soup.find("link", href=lambda href: href.startswith("/giao-dien.css"))["href"]

    before = theme_href()
    settings = settings_of_demo()
    settings.brand_colour = "#1d4f91"
    settings.save()
    assert theme_href() != before
    assert "--colour-brand:#1d4f91" in client.get(theme_href()).content.decode()


@pytest.mark.parametrize(
    ("colour", "message"),
    [
        ("#ffcc00", "Chữ trắng trên nền màu này khó đọc"),
        ("#abc", "Nhập màu theo dạng #"),
        ("red", "Nhập màu theo dạng #"),
    ],
)
def test_colour__unreadable_or_malformed_colours_are_refused(demo, colour, message):
    settings = settings_of_demo()
    settings.brand_colour = colour
    with pytest.raises(ValidationError) as refused:
        settings.full_clean()
    assert message in " ".join(refused.value.message_dict["brand_colour"])
    settings.brand_colour = "#8a1c1c"
    settings.full_clean()
