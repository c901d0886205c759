"""A signed-in session ends a fixed time after signing in, however busy it has been: an admin
tab left open on an unattended machine does not keep it alive."""

import time
from http import HTTPStatus

import pytest

from security.sessions import SIGNED_IN_AT
from tests.helpers import sign_in

HOUR = 3600


@pytest.fixture
def admin(db, django_user_model):
    return django_user_model.objects.create_superuser("quantri", password="mat-khau-thu")


def signed_in_hours_ago(client, hours):
    """Move the session's sign-in time back, as if that long had passed."""
    session = client.session
    session[SIGNED_IN_AT] -= hours * HOUR
    session.save()


def test_sign_in__records_when_the_session_began(client, admin):
    assert sign_in(client, "quantri", "mat-khau-thu")
    assert time.time() - client.session[SIGNED_IN_AT] < 60


def test_admin_session__ends_twelve_hours_after_sign_in_however_busy(client, admin):
    client.force_login(admin)
    signed_in_hours_ago(client, 11.9)
    assert client.get("/admin/").status_code == HTTPStatus.OK  # a ping keeps the tab busy

    signed_in_hours_ago(client, 0.2)
    response = client.get("/admin/pages/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/login/?next=/admin/pages/"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == HTTPStatus.FOUND


def test_admin_script_request__after_the_lifetime_is_refused(client, admin):
    client.force_login(admin)
    signed_in_hours_ago(client, 13)
    response = client.get("/admin/", headers={"X-Requested-With": "XMLHttpRequest"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "_auth_user_id" not in client.session


def test_session_lifetime__follows_the_setting(client, admin, settings):
    settings.GOVCMS_SESSION_MAX_AGE = 2 * HOUR
    client.force_login(admin)
    signed_in_hours_ago(client, 3)
    assert client.get("/admin/").status_code == HTTPStatus.FOUND
    assert "_auth_user_id" not in client.session


def test_session_from_before_the_rule__starts_its_lifetime_on_first_sight(client, admin):
    client.force_login(admin)
    session = client.session
    del session[SIGNED_IN_AT]
    session.save()

    assert client.get("/admin/").status_code == HTTPStatus.OK
    assert time.time() - client.session[SIGNED_IN_AT] < 60
    signed_in_hours_ago(client, 13)
    assert client.get("/admin/").status_code == HTTPStatus.FOUND
