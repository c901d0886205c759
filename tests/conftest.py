import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Collection, Locale, Page, Site

from home.demo.loader import load_demo

from .factories import DepartmentPageFactory, HomePageFactory, NewsIndexPageFactory


@pytest.fixture(autouse=True)
def clear_caches():
    """Each test starts with empty caches (Wagtail keeps site root paths there)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def demo(db):
    """The demo portal, exactly as ``manage.py load_demo`` builds it."""
    ensure_wagtail_roots()
    return load_demo()


def ensure_wagtail_roots():
    """The tree roots Wagtail's migrations create, which a transactional test's flush removes."""
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(
            instance=Page(
                title="Root",
                slug="root",
                locale=locale,
                content_type=ContentType.objects.get_for_model(Page),
            )
        )
    return root


@pytest.fixture
def home_page(db):
    """A HomePage as the root of the default site, in place of Wagtail's welcome page."""
    return make_home_page()


def make_home_page():
    root = ensure_wagtail_roots()
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
