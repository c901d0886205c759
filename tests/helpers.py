"""Helpers for driving the Wagtail admin as a real user would."""

from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from wagtail.models import Collection, Locale, Page, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from .factories import HomePageFactory


def article_form_data(page, **overrides):
    """The edit form of a NewsPage as the browser would post it, with ``overrides``."""
    values = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "date": page.date.strftime("%Y-%m-%d %H:%M"),
        "source": page.source,
        "author": page.author,
        "tags": "",
        "featured_image": "",
        "body": streamfield([("paragraph", rich_text("<p>Nội dung bài viết.</p>"))]),
        "go_live_at": "",
        "expire_at": "",
    }
    values.update(overrides)
    return nested_form_data(values)


def edit(client, page, action=None, **overrides):
    data = article_form_data(page, **overrides)
    if action:
        data[f"action-{action}"] = action
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def refused(response):
    """Wagtail answers a forbidden admin request with 403 or a redirect with a message."""
    return response.status_code in (302, 403)


def chooser_html(response):
    """The HTML of a chooser modal (sent wrapped in JSON) or of its search results."""
    assert response.status_code == 200, response.status_code
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def sign_in(client, username, password):
    """Sign in through the admin's login form, as a person does; True when it worked."""
    response = client.post("/admin/login/", {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


def ensure_wagtail_roots():
    """The tree roots Wagtail's migrations create, which a transactional test's flush removes."""
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code="en")  # home.0005 makes it on a new database
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


@contextmanager
def rolled_back(django_db_blocker):
    """A transaction for data a whole module shares, rolled back after the module. Each
    test that asks for ``db`` runs in a savepoint inside it, so what it changes is undone;
    objects built here are shared in memory too, so tests read them again before changing."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def database_url(name=None):
    """The test database (or another on its server), for a process the test starts."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{name or db['NAME']}"
