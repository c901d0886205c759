import importlib
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

import govcms.settings.base as base_settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def test_settings__are_vietnamese_first():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False
    assert ("vi", "Tiếng Việt") in settings.WAGTAILADMIN_PERMITTED_LANGUAGES


def test_settings__database_url_chooses_the_database(monkeypatch):
    try:
        monkeypatch.setenv("DATABASE_URL", "postgres://portal@db.internal:5432/portal")
        importlib.reload(base_settings)
        database = base_settings.DATABASES["default"]
        assert database["ENGINE"] == "django.db.backends.postgresql"
        assert (database["HOST"], database["NAME"]) == ("db.internal", "portal")

        monkeypatch.delenv("DATABASE_URL")
        importlib.reload(base_settings)
        database = base_settings.DATABASES["default"]
        assert database["ENGINE"] == "django.db.backends.sqlite3"
        assert Path(database["NAME"]) == PROJECT_ROOT / "db.sqlite3"
    finally:
        monkeypatch.undo()
        importlib.reload(base_settings)


def _start_production(**env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    environment.update(DJANGO_SETTINGS_MODULE="govcms.settings.production", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production__refuses_to_start_without_secret_key():
    result = _start_production(ALLOWED_HOSTS="portal.example.vn")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production__refuses_to_start_without_allowed_hosts():
    result = _start_production(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production__starts_with_both():
    result = _start_production(SECRET_KEY="x" * 50, ALLOWED_HOSTS="portal.example.vn")
    assert result.returncode == 0, result.stderr
