from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from home.demo.loader import load_demo

from .factories import DepartmentPageFactory, NewsIndexPageFactory
from .helpers import ensure_wagtail_roots, make_home_page, rolled_back
from .snapshot import Snapshot


@pytest.fixture(autouse=True)
def clear_caches():
    """Each test starts with empty caches (Wagtail keeps site root paths there)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
    )


@pytest.fixture(autouse=True)
def wagtail_roots(request):
    """The rows Wagtail's migrations made (root page, root collection, locale), which the
    admin needs: a transactional test that ran earlier on the same worker emptied every
    table. Transactional tests build their own."""
    marked = request.node.get_closest_marker("django_db") is not None
    if _is_transactional(request.node) or not (marked or "db" in request.fixturenames):
        return
    request.getfixturevalue("db")
    ensure_wagtail_roots()


# Built once per worker and copied, every table of it, into each module or test that uses
# it (tests/snapshot.py). A copy of the whole database fits whatever state the database is
# in, so a transactional test emptying the tables in between costs no rebuild.
DEMO = Snapshot(load_demo, whole_database=True)


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker):
    """The demo portal, for a module."""
    with rolled_back(django_db_blocker):
        ensure_wagtail_roots()
        demo = DEMO.restore()
        # The content types' ids are the copy's now; after the module, the database's own.
        ContentType.objects.clear_cache()
        yield demo
    ContentType.objects.clear_cache()


@pytest.fixture
def demo(module_demo, db):
    """The demo portal, exactly as ``manage.py load_demo`` builds it. Built once per module;
    each test runs in a savepoint of its own, so what it changes is undone."""
    return module_demo


@pytest.fixture
def committed_demo(transactional_db):
    """The same, copied into the database and committed for a test that needs another
    process to read it: the browser tests' live server, the background worker."""
    ensure_wagtail_roots()
    with transaction.atomic():
        demo = DEMO.restore()
    ContentType.objects.clear_cache()
    return demo


@pytest.fixture
def home_page(db):
    """A HomePage as the root of the default site, in place of Wagtail's welcome page."""
    return make_home_page()


@pytest.fixture
def unit_news_index(home_page):
    """A unit with its news index, the parent of every unit article."""
    unit = DepartmentPageFactory(parent=home_page, title="Bảo tàng tỉnh", short_name="BTT")
    return NewsIndexPageFactory(parent=unit)


def pytest_collection_modifyitems(items):
    """The browser tests, the longest modules, are handed out first: with two workers
    taking whole modules (make test), the short ones then fill in around them. The other
    transactional modules follow them: each empties the database, after which the next
    module that uses the demo builds it again."""
    e2e = Path(__file__).parent / "e2e"
    committed = {Path(__file__).parent / "operations" / "test_worker.py"}
    items.sort(
        key=lambda item: (
            not Path(item.fspath).is_relative_to(e2e),
            Path(item.fspath) not in committed,
        )
    )
