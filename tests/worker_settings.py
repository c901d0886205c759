"""Settings of the real worker the tests start (tests/operations/test_worker.py): the test
settings, with the database queue and delivery into files the test reads."""

import os

from govcms.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
GOVCMS_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["GOVCMS_TEST_MAIL_DIR"]
