"""What is queued for the background worker, and when: e-mails once the request's
transaction commits, tried again when the mail server fails; the scheduler's periodic
tasks, each once while it waits. The worker itself runs in test_worker.py."""

import logging
from datetime import timedelta

import psycopg2
import pytest
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core import mail
from django.core.mail import send_mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from govcms.mail import RETRY_DELAYS, deliver_email
from govcms.management.commands import run_scheduler

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued(settings, db):
    settings.TASKS = QUEUE
    settings.EMAIL_BACKEND = "govcms.mail.QueuedEmailBackend"
    return DBTaskResult.objects


def test_an_email_is_queued_when_the_request_commits_and_never_when_it_fails(
    queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Hồ sơ đã được duyệt", "Nội dung", None, ["bientap@example.vn"])
    assert mail.outbox == []
    [task] = queued.ready()
    assert task.task_path == "govcms.mail.deliver_email"
    assert task.args_kwargs["args"][0]["to"] == ["bientap@example.vn"]

    with (
        pytest.raises(RuntimeError),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        send_mail("Không gửi", "Nội dung", None, ["bientap@example.vn"])
        raise RuntimeError("the request failed")
    assert queued.count() == 1


def test_the_worker_delivers_the_queued_message_as_it_was_written(
    queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail(
            "Bài viết “Lễ hội Chùa Hương” đã được xuất bản",
            "Kính gửi anh/chị,",
            "cong-thong-tin@example.vn",
            ["bientap@example.vn"],
            html_message="<p>Kính gửi anh/chị,</p>",
        )
    [task] = queued.ready()
    deliver_email.call(*task.args_kwargs["args"])

    [message] = mail.outbox
    assert message.subject == "Bài viết “Lễ hội Chùa Hương” đã được xuất bản"
    assert message.to == ["bientap@example.vn"]
    assert message.from_email == "cong-thong-tin@example.vn"
    assert message.alternatives[0][1] == "text/html"
    assert (
        message.extra_headers["Message-ID"] == task.args_kwargs["args"][0]["headers"]["Message-ID"]
    )


def test_a_failed_delivery_is_tried_again_later_and_finally_logged(queued, settings, caplog):
    settings.GOVCMS_EMAIL_DELIVERY_BACKEND = "tests.operations.failing_mail.MailServerDown"
    message = {
        "subject": "Nhắc việc",
        "body": "Nội dung",
        "from_email": "cong-thong-tin@example.vn",
        "to": ["duyet@example.vn"],
        "cc": [],
        "bcc": [],
        "reply_to": [],
        "headers": {},
        "alternatives": [],
        "attachments": [],
    }
    before = timezone.now()
    assert deliver_email.call(message) == 0

    assert not queued.ready().exists()  # not before its time
    [retry] = queued.filter(status="READY")
    assert retry.args_kwargs == {"args": [message, 2], "kwargs": {}}
    assert retry.run_after >= before + timedelta(minutes=RETRY_DELAYS[0])

    caplog.set_level(logging.ERROR, logger="govcms.mail")
    with pytest.raises(ConnectionRefusedError):
        deliver_email.call(message, len(RETRY_DELAYS) + 1)
    assert queued.count() == 1  # the last attempt queues nothing more
    assert "duyet@example.vn" in caplog.text
    assert "not delivered after" in caplog.text


def test_each_periodic_task_exists_and_its_schedule_is_valid():
    for path, crontab in settings.GOVCMS_PERIODIC_TASKS.items():
        assert callable(import_string(path).enqueue), path
        CronTrigger.from_crontab(crontab, timezone=settings.TIME_ZONE)
    assert settings.GOVCMS_PERIODIC_TASKS["govcms.tasks.publish_scheduled_pages"] == "* * * * *"


def test_the_scheduler_queues_a_task_once_while_it_waits_for_a_worker(queued):
    call_command("run_scheduler", "--once")
    call_command("run_scheduler", "--once")
    paths = list(queued.ready().values_list("task_path", flat=True))
    assert sorted(paths) == sorted(settings.GOVCMS_PERIODIC_TASKS)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
def test_only_the_scheduler_holding_the_lock_queues(queued):
    with connection.cursor() as cursor:  # this session starts as no scheduler
        cursor.execute("SELECT pg_advisory_unlock_all()")
    run_scheduler.Leadership.held = False
    db = connection.settings_dict
    other = psycopg2.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432
    )
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [run_scheduler.LOCK_KEY])
            assert cursor.fetchone()[0]
        run_scheduler.enqueue("govcms.tasks.publish_scheduled_pages")
        assert not queued.exists()
    finally:
        # The other scheduler stops. (Its lock would go with its session, but the server
        # ends a closed session's backend a moment later.)
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock_all()")
        other.close()
    run_scheduler.enqueue("govcms.tasks.publish_scheduled_pages")
    assert queued.ready().count() == 1
