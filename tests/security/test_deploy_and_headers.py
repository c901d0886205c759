"""Production settings pass Django's deployment checks; every response carries the
portal's security headers."""

import os
import secrets
import subprocess
import sys
from http import HTTPStatus
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "cong.example.gov.vn",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is no part of a deployment.
        if key not in (*PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(DJANGO_SETTINGS_MODULE="govcms.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_check_deploy__reports_nothing_with_secrets_from_the_environment():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL"])
def test_production__refuses_to_start_without(missing):
    env = dict(PRODUCTION_ENV)
    del env[missing]
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set in production." in result.stderr


PUBLIC_PAGES = ["/", "/tim-kiem/?q=du+lich", "/rss/", "/sitemap.xml", "/khong-co-trang-nay/"]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_public_pages__carry_the_security_headers(client, demo):
    for url in PUBLIC_PAGES:
        assert_security_headers(client.get(url))


def assert_security_headers(response):
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]  # no inline script, nothing from elsewhere
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_article__has_no_inline_script_for_the_policy_to_block(client, demo):
    from news.models import NewsPage

    html = client.get(NewsPage.objects.live().first().url).content.decode()
    # Data blocks (JSON-LD) are not scripts a browser runs; anything else must be a file.
    for tag in html.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        assert "src=" in opening or 'type="application/ld+json"' in opening, opening


def test_hsts__sent_over_https_with_the_production_values(client, demo, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/")


def test_admin__keeps_working_under_its_own_policy(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.OK
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]  # the editor's live preview
    assert policy["object-src"] == ["'none'"]


def test_cookies__secure_and_http_only_in_production():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_SAVE_EVERY_REQUEST)",
        **PRODUCTION_ENV,
    )
    assert result.stdout.split()[-4:] == ["True", "True", "True", "True"], result.stderr


def test_production__asks_the_second_factor_and_bounds_sessions_and_password_guesses():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.GOVCMS_TWO_FACTOR,"
        " s.GOVCMS_SESSION_MAX_AGE, s.GOVCMS_PASSWORD_FAILURE_LIMIT,"
        " int(s.GOVCMS_PASSWORD_LOCKOUT.total_seconds()))",
        **PRODUCTION_ENV,
        SESSION_MAX_HOURS="8",
        PASSWORD_FAILURE_LIMIT="3",
        PASSWORD_LOCKOUT_MINUTES="30",
    )
    assert result.stdout.split()[-4:] == ["True", str(8 * 3600), "3", str(30 * 60)], result.stderr
