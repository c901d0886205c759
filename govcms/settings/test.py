"""Tests: fast, deterministic, isolated from the developer's media folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
DEBUG = False

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests see what the database holds; the page cache has tests of its own.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
GOVCMS_PAGE_CACHE_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
GOVCMS_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in the code that queues them; the worker's own tests (tests/operations)
# queue them in the database and start a real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="govcms-test-media-"))

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the apps, without a collectstatic step.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Most tests sign users in with force_login; the second factor and its enforcement have
# tests of their own (tests/security), which turn it back on.
GOVCMS_TWO_FACTOR = False

# Searches from the one test address would soon reach the per-minute limit; the limit's
# own tests set it (tests/search).
GOVCMS_SEARCH_RATE_LIMIT = 100_000
GOVCMS_SUGGEST_RATE_LIMIT = 100_000

# A test database outlives no crash: PostgreSQL need not wait for each commit to reach the
# disk (the browser, worker and backup tests commit every request).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
