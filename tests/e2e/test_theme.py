"""The board's colour reaches the design system's components (USWDS, compiled with the
demo's red) in the browser: buttons, links, pagination and the header follow it."""

import pytest

from home.models import PortalSettings
from news.models import NewsIndexPage

pytestmark = pytest.mark.django_db(transaction=True)

BLUE = "#1d4f91"


def rgb(colour):
    return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))


def test_board_colour__themes_every_component(live_server, tab, demo):
    settings = PortalSettings.objects.get()
    settings.brand_colour = BLUE
    settings.save()
    news = NewsIndexPage.objects.filter(depth=4).first()

    tab.goto(f"{live_server.url}{news.url}?page=1")
    colours = tab.evaluate(
        """() => Object.fromEntries([
            ['header', '.site-header', 'backgroundColor'],
            ['search button', '.site-search .usa-button', 'backgroundColor'],
            ['filter button', '.filter-form .usa-button', 'backgroundColor'],
            ['link', '.news-item__title a', 'color'],
            ['breadcrumb', '.usa-breadcrumb__link', 'color'],
        ].map(([name, selector, property]) =>
            [name, getComputedStyle(document.querySelector(selector))[property]]))"""
    )
    assert colours["header"] == colours["filter button"] == colours["link"] == rgb(BLUE)
    assert colours["breadcrumb"] == rgb(BLUE)
    # Hover and pressed shades are derived from it, never the compiled red.
    assert colours["search button"] not in (rgb(BLUE), "rgb(139, 10, 3)", "rgb(92, 17, 17)")
