import importlib
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


# Production's required environment is tested in tests/security/test_deploy_and_headers.py.
