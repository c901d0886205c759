"""Settings of the app servers the cluster tests start (tests/operations/test_cluster.py):
production's, with the test database's password hashes, no second factor (it has tests of
its own), cookies over the plain HTTP the test uses to reach each server, and static files
served from the apps without a collectstatic step."""

from govcms.settings.production import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
GOVCMS_TWO_FACTOR = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
