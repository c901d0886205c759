"""Password-protected pages and documents: repeated wrong passwords lock the address out,
as repeated failed sign-ins do."""

from http import HTTPStatus

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import StandardPageFactory

from .test_deploy_and_headers import assert_security_headers

PASSWORD = "mat-khau-dung"
ATTACKER = "203.0.113.7"
NEIGHBOUR = "198.51.100.20"


@pytest.fixture
def protected_page(home_page):
    page = StandardPageFactory(parent=home_page, title="Hồ sơ nội bộ")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])


@pytest.fixture
def protected_document(db):
    collection = Collection.get_first_root_node().add_child(name="Hồ sơ mật")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )
    get_document_model().objects.create(
        title="Biên bản họp",
        collection=collection,
        file=ContentFile(b"%PDF-1.4 test", name="bien-ban.pdf"),
    )
    return restriction, reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])


def passed(client, restriction):
    return restriction.pk in client.session.get(
        restriction.passed_view_restrictions_session_key, []
    )


def guess(client, form_url, password, return_url="/", address=ATTACKER, **extra):
    return client.post(
        form_url, {"password": password, "return_url": return_url}, REMOTE_ADDR=address, **extra
    )


def fail(client, form_url, times, **extra):
    return [guess(client, form_url, "sai-mat-khau", **extra).status_code for _ in range(times)]


def assert_lockout_page(response, minutes=15):
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    page = response.content.decode()
    assert '<html lang="vi">' in page
    with translation.override("vi"):
        message = translation.gettext("Too many wrong passwords were entered from this address.")
    assert message in page
    assert f" {minutes} " in page


def test_page_password__locks_address_after_five_failures(client, protected_page, settings):
    page, form_url = protected_page
    limit = settings.GOVCMS_PASSWORD_FAILURE_LIMIT
    assert limit == 5
    statuses = fail(client, form_url, limit)
    assert statuses == [HTTPStatus.OK] * (limit - 1) + [HTTPStatus.TOO_MANY_REQUESTS]

    # Even the right password is refused from that address while the lock lasts...
    response = guess(client, form_url, PASSWORD, return_url=page.url)
    assert_lockout_page(response)
    assert "Hồ sơ nội bộ" not in client.get(page.url).content.decode()
    # ...but another visitor is not locked out by the attacker.
    response = guess(client, form_url, PASSWORD, return_url=page.url, address=NEIGHBOUR)
    assert response.status_code == HTTPStatus.FOUND
    assert "Hồ sơ nội bộ" in client.get(page.url).content.decode()


def test_document_password__locks_address_after_five_failures(client, protected_document, settings):
    restriction, form_url = protected_document
    limit = settings.GOVCMS_PASSWORD_FAILURE_LIMIT
    statuses = fail(client, form_url, limit)
    assert statuses == [HTTPStatus.OK] * (limit - 1) + [HTTPStatus.TOO_MANY_REQUESTS]

    assert_lockout_page(guess(client, form_url, PASSWORD))
    assert not passed(client, restriction)
    response = guess(client, form_url, PASSWORD, address=NEIGHBOUR)
    assert response.status_code == HTTPStatus.FOUND
    assert passed(client, restriction)


def test_password_failures__below_the_limit_do_not_lock(client, protected_page, settings):
    page, form_url = protected_page
    fail(client, form_url, settings.GOVCMS_PASSWORD_FAILURE_LIMIT - 1)
    response = guess(client, form_url, PASSWORD, return_url=page.url)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == page.url


def test_password_failures__count_across_pages_and_documents(
    client, home_page, protected_page, protected_document, settings
):
    settings.GOVCMS_PASSWORD_FAILURE_LIMIT = 4
    other = StandardPageFactory(parent=home_page, title="Hồ sơ khác")
    restriction = PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    other_form_url = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, other.pk]
    )
    assert fail(client, protected_page[1], 2) == [HTTPStatus.OK] * 2
    assert fail(client, protected_document[1], 1) == [HTTPStatus.OK]
    assert fail(client, other_form_url, 1) == [HTTPStatus.TOO_MANY_REQUESTS]
    assert_lockout_page(guess(client, protected_document[1], PASSWORD))


def test_password_lockout__counts_the_client_behind_a_proxy_not_the_proxy(
    client, protected_page, settings
):
    settings.GOVCMS_TRUSTED_PROXY_COUNT = 1
    page, form_url = protected_page
    proxy = "10.0.0.2"
    # A forged first entry is ignored: the proxy appended the real address last.
    statuses = fail(
        client,
        form_url,
        settings.GOVCMS_PASSWORD_FAILURE_LIMIT,
        address=proxy,
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7",
    )
    assert statuses[-1] == HTTPStatus.TOO_MANY_REQUESTS
    response = guess(
        client,
        form_url,
        PASSWORD,
        return_url=page.url,
        address=proxy,
        HTTP_X_FORWARDED_FOR="1.2.3.4",  # the forged address is not the one locked
    )
    assert response.status_code == HTTPStatus.FOUND


def test_password_lockout_page__carries_the_security_headers_and_is_never_cached(
    client, protected_page, settings
):
    settings.GOVCMS_PAGE_CACHE_SECONDS = 600
    page, form_url = protected_page
    fail(client, form_url, settings.GOVCMS_PASSWORD_FAILURE_LIMIT)

    for _ in range(2):
        response = client.get(form_url, REMOTE_ADDR=ATTACKER)
        assert_lockout_page(response)
        assert_security_headers(response)
        assert "no-store" in response["Cache-Control"]
        assert response["Retry-After"] == str(15 * 60)
        assert "X-Cache" not in response
    # Another visitor at the same address gets the form, not a stored lockout page.
    response = client.get(form_url, REMOTE_ADDR=NEIGHBOUR)
    assert response.status_code == HTTPStatus.OK
    assert response.get("X-Cache") != "HIT"


def test_password_lockout__length_follows_the_setting(client, protected_page, settings):
    settings.GOVCMS_PASSWORD_FAILURE_LIMIT = 2
    settings.GOVCMS_PASSWORD_LOCKOUT = settings.GOVCMS_PASSWORD_LOCKOUT * 2
    fail(client, protected_page[1], 2)
    assert_lockout_page(guess(client, protected_page[1], PASSWORD), minutes=30)
