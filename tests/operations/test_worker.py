"""The background worker, for real: work queued in PostgreSQL by the portal, done by
``manage.py db_worker`` in a process of its own, while publishing never waits for it."""

import email
import email.policy
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, Revision

from departments.models import unit_pages
from news.models import NewsPage
from tests.departments.workflow_helpers import act, submit
from tests.factories import NewsPageFactory
from tests.helpers import database_url

PROJECT_ROOT = Path(__file__).resolve().parents[2]

QUEUED = {
    "TASKS": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    "EMAIL_BACKEND": "govcms.mail.QueuedEmailBackend",
}

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the queue is PostgreSQL's; set DATABASE_URL (CI does)",
)


def run_worker(mail_dir):
    """One real worker: it does everything queued, then exits."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "GOVCMS_TEST_MAIL_DIR": str(mail_dir),
    }
    finished = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--queue-name", "*"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    return finished


def delivered(mail_dir):
    """The messages the worker's mail backend wrote: (recipients, subject, body)."""
    messages = []
    for path in sorted(Path(mail_dir).glob("*.log")):
        for raw in path.read_text().split("-" * 79 + "\n"):
            if raw.strip():
                message = email.message_from_string(raw, policy=email.policy.default)
                body = message.get_body(("plain",)).get_content()
                messages.append((message["To"], message["Subject"], body))
    return messages


def waiting(task_path):
    return DBTaskResult.objects.ready().filter(task_path=task_path).count()


@pytest.fixture
def queue(committed_demo, settings, tmp_path):
    for name, value in QUEUED.items():
        setattr(settings, name, value)
    DBTaskResult.objects.all().delete()
    return tmp_path / "mail"


def test_with_the_worker_stopped_publishing_works_and_the_queued_work_is_done_when_it_is_back(
    queue, client
):
    unit = unit_pages().filter(locale__language_code="vi").first()
    article = NewsPage.objects.live().descendant_of(unit).first()
    resources = unit.resources
    editor = resources.editors.user_set.get()
    approver = resources.approvers.user_set.get()

    # An editor submits: the approver's notice is queued, not sent in the request.
    client.force_login(editor)
    submit(client, article, title="Khai mạc Tuần lễ Văn hóa du lịch Bình Lục")
    assert mail.outbox == []
    assert waiting("govcms.mail.deliver_email") >= 1

    # The approver publishes while no worker runs: the page is live at once; the search
    # index update waits in the queue.
    client.force_login(approver)
    response = act(client, article, "approve")
    assert response.status_code in (200, 302)
    assert Page.objects.get(pk=article.pk).live
    assert Page.objects.get(pk=article.pk).title == "Khai mạc Tuần lễ Văn hóa du lịch Bình Lục"
    assert waiting("modelsearch.tasks.insert_or_update_object_task") >= 1
    assert not NewsPage.objects.live().search("Bình Lục")

    # A scheduled publication whose time has come, queued by the scheduler.
    scheduled = NewsPageFactory(
        parent=article.get_parent(), title="Lịch thi đấu Giải bóng chuyền tỉnh", live=False
    )
    revision = scheduled.save_revision()
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - timedelta(minutes=1)
    )
    call_command("run_scheduler", "--once")
    assert waiting("govcms.tasks.publish_scheduled_pages") == 1
    assert not Page.objects.get(pk=scheduled.pk).live

    # The worker is back: everything queued is done, once.
    run_worker(queue)

    assert not DBTaskResult.objects.ready().exists()
    assert not DBTaskResult.objects.failed().exists()
    messages = delivered(queue)
    # The approver was told of the submission, the editor of the approval.
    assert {to for to, subject, body in messages if "Bình Lục" in subject + body} == {
        approver.email,
        editor.email,
    }, messages
    assert list(NewsPage.objects.live().search("Bình Lục")) == [article.specific]
    assert Page.objects.get(pk=scheduled.pk).live
