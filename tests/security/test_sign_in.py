"""Sign-in protection: lockout after repeated failures, the second factor for the roles
that publish or administer, strong passwords and sessions that end when idle."""

import datetime
import time
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.demo.loader import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DEMO_PASSWORD
from tests.helpers import sign_in

APPROVER = "duyet.btt"
EDITOR = "bientap.btt"


ATTACKER = "203.0.113.7"


def fail_to_sign_in(client, username, times, address=ATTACKER):
    for _ in range(times):
        response = client.post(
            "/admin/login/", {"username": username, "password": "sai-mat-khau"}, REMOTE_ADDR=address
        )
    return response


def test_repeated_failures__lock_the_account_with_a_vietnamese_message(client, demo, settings):
    response = fail_to_sign_in(client, EDITOR, settings.AXES_FAILURE_LIMIT)
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "15 phút" in page

    # Even the right password is refused from that address while the lock lasts...
    response = client.post(
        "/admin/login/", {"username": EDITOR, "password": DEMO_PASSWORD}, REMOTE_ADDR=ATTACKER
    )
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "_auth_user_id" not in client.session
    # ...but a stranger cannot lock the editor out of their own office.
    assert sign_in(client, EDITOR, DEMO_PASSWORD)


def test_behind_a_proxy__the_client_address_counts_not_the_proxy(client, demo, settings):
    settings.GOVCMS_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": EDITOR, "password": "sai-mat-khau"},
            REMOTE_ADDR=proxy,
            # A forged first entry is ignored: the proxy appended the real address last.
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7",
        )
    assert AccessAttempt.objects.get(username=EDITOR).ip_address == "203.0.113.7"
    response = client.post(
        "/admin/login/",
        {"username": EDITOR, "password": DEMO_PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert response.status_code == HTTPStatus.FOUND  # another client behind the same proxy


def test_failures_below_the_limit__do_not_lock(client, demo, settings):
    fail_to_sign_in(client, EDITOR, settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, EDITOR, DEMO_PASSWORD)


def test_an_administrator__sees_and_unlocks_a_locked_account(client, demo, settings):
    fail_to_sign_in(client, EDITOR, settings.AXES_FAILURE_LIMIT)
    admin = get_user_model().objects.get(username=DEMO_ADMIN_USERNAME)
    client.force_login(admin)
    listing = client.get("/admin/khoa-dang-nhap/").content.decode()
    assert EDITOR in listing and "Đã khóa" in listing

    attempt = AccessAttempt.objects.get(username=EDITOR)
    response = client.post(f"/admin/khoa-dang-nhap/{attempt.pk}/mo/", follow=True)
    assert f"Đã mở khóa {EDITOR}" in response.content.decode()
    client.logout()
    assert sign_in(client, EDITOR, DEMO_PASSWORD)


def test_only_administrators__see_the_lockouts(client, demo):
    fail_to_sign_in(client, EDITOR, 1)
    client.force_login(get_user_model().objects.get(username=APPROVER))
    response = client.get("/admin/khoa-dang-nhap/", follow=True)
    assert response.redirect_chain[0] == ("/admin/", HTTPStatus.FOUND)
    assert EDITOR not in response.content.decode()


@pytest.fixture
def two_factor(settings):
    settings.GOVCMS_TWO_FACTOR = True


def current_code(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def test_approver__must_enrol_an_authenticator_app_then_gets_in(client, demo, two_factor):
    assert sign_in(client, APPROVER, DEMO_PASSWORD)
    response = client.get("/admin/pages/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/admin/xac-thuc-hai-buoc/cai-dat/?next=")

    page = client.get(response["Location"]).content.decode()
    assert "Thiết lập đăng nhập hai bước" in page
    # The page's own icons load (a redirect here would put the page inside itself).
    assert client.get("/admin/sprite/")["Content-Type"].startswith("image/svg+xml")
    assert 'src="data:image/svg+xml' in page  # the QR code
    device = TOTPDevice.objects.get(user__username=APPROVER, confirmed=False)

    wrong = client.post("/admin/xac-thuc-hai-buoc/cai-dat/", {"token": "000000"})
    assert "Mã này sai hoặc đã hết hạn" in wrong.content.decode()
    # Each wrong code makes the next one wait (a second after the first).
    throttled = client.post("/admin/xac-thuc-hai-buoc/cai-dat/", {"token": current_code(device)})
    assert "Nhập sai quá nhiều lần" in throttled.content.decode()
    time.sleep(1.1)
    response = client.post(
        "/admin/xac-thuc-hai-buoc/cai-dat/",
        {"token": current_code(device), "next": "/admin/pages/"},
    )
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == HTTPStatus.OK
    assert TOTPDevice.objects.get(pk=device.pk).confirmed


def test_enrolled_approver__enters_a_code_at_each_sign_in(client, demo, two_factor):
    approver = get_user_model().objects.get(username=APPROVER)
    device = TOTPDevice.objects.create(user=approver, name="Điện thoại", confirmed=True)
    assert sign_in(client, APPROVER, DEMO_PASSWORD)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/xac-thuc-hai-buoc/?next=")
    assert "Nhập mã gồm sáu chữ số" in client.get(response["Location"]).content.decode()

    response = client.post("/admin/xac-thuc-hai-buoc/", {"token": current_code(device)})
    assert response.status_code == HTTPStatus.FOUND
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_editor__signs_in_with_a_password_alone(client, demo, two_factor):
    assert sign_in(client, EDITOR, DEMO_PASSWORD)
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_administrator__needs_the_second_factor_too(client, demo, two_factor):
    assert sign_in(client, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)
    assert client.get("/admin/").status_code == HTTPStatus.FOUND


def test_the_switch__off_lets_an_approver_in_with_a_password_alone(client, demo, settings):
    settings.GOVCMS_TWO_FACTOR = False
    assert sign_in(client, APPROVER, DEMO_PASSWORD)
    assert client.get("/admin/").status_code == HTTPStatus.OK


@pytest.mark.parametrize("target", ["https://ke-xau.example/", "//ke-xau.example/", "foo"])
def test_the_second_step__never_leads_off_the_portal(client, demo, two_factor, target):
    approver = get_user_model().objects.get(username=APPROVER)
    device = TOTPDevice.objects.create(user=approver, name="Điện thoại", confirmed=True)
    assert sign_in(client, APPROVER, DEMO_PASSWORD)
    response = client.post(
        "/admin/xac-thuc-hai-buoc/", {"token": current_code(device), "next": target}
    )
    assert response["Location"] == "/admin/"


def test_reset_two_factor__lets_a_user_with_a_lost_phone_enrol_again(client, demo, two_factor):
    approver = get_user_model().objects.get(username=APPROVER)
    TOTPDevice.objects.create(user=approver, name="Điện thoại", confirmed=True)
    call_command("reset_two_factor", APPROVER)
    assert not TOTPDevice.objects.filter(user=approver).exists()
    assert sign_in(client, APPROVER, DEMO_PASSWORD)
    assert "/cai-dat/" in client.get("/admin/")["Location"]


@pytest.mark.parametrize(
    "password",
    ["ngan-qua-11", "12345678901234", "password12345"],
    ids=["short", "digits", "common"],
)
def test_weak_passwords__are_refused_in_vietnamese(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any("Mật khẩu" in message or "mật khẩu" in message for message in refused.value.messages)


def test_a_twelve_character_passphrase__is_accepted():
    validate_password("ngay-he-hoi-an")


def test_admin_session__ends_after_the_idle_time(client, demo, settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert sign_in(client, EDITOR, DEMO_PASSWORD)
    session = Session.objects.get(session_key=client.session.session_key)
    idle = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert session.expire_date - timezone.now() <= idle
    # Nothing done for longer than the idle time: the session is gone.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now())
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/admin/login/")
