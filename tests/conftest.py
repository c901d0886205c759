import pytest
from wagtail.models import Page, Site

from home.demo.loader import load_demo

from .factories import DepartmentPageFactory, HomePageFactory, NewsIndexPageFactory


@pytest.fixture
def demo(db):
    """The demo portal, exactly as ``manage.py load_demo`` builds it."""
    return load_demo()


@pytest.fixture
def home_page(db):
    """A HomePage as the root of the default site, in place of Wagtail's welcome page."""
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture
def unit_news_index(home_page):
    """A unit with its news index, the parent of every unit article."""
    unit = DepartmentPageFactory(parent=home_page, title="Bảo tàng tỉnh", short_name="BTT")
    return NewsIndexPageFactory(parent=unit)
