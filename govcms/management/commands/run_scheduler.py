"""The scheduler: queues the periodic tasks of ``GOVCMS_PERIODIC_TASKS`` for the worker.

It runs nothing itself: each task goes to the queue, and whichever worker is free does it.
Several schedulers may be started (one on each machine): at each tick, only the one that
holds a PostgreSQL advisory lock queues, and another takes the lock over should it stop.
A task still waiting in the queue is not queued again, so a worker that was stopped for
an hour finds one scheduled-publishing run waiting, not sixty.
"""

import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils.module_loading import import_string

logger = logging.getLogger("govcms.scheduler")

# pg_try_advisory_lock's key: any number, the same in every scheduler of the portal.
LOCK_KEY = 0x6F76636D73  # "govcms"


def is_waiting(task):
    """Is a run of ``task`` already queued and not yet started? (The database backend's
    own table; other backends always queue.)"""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the portal installs it
        return False
    if not task.get_backend().__class__.__module__.startswith("django_tasks_db"):
        return False
    return DBTaskResult.objects.ready().filter(task_path=task.module_path).exists()


class Leadership:
    """The advisory lock, held by this scheduler's database session for as long as it
    lasts (a lost connection frees it for another scheduler)."""

    held = False

    @classmethod
    def check(cls):
        if connection.vendor != "postgresql":
            return True
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            taken = cursor.fetchone()[0]
            if taken and cls.held:
                # The lock counts each time it is taken: keep the count at one.
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        cls.held = taken
        return taken


def enqueue(path, leader_only=True):
    task = import_string(path)
    try:
        if leader_only and not Leadership.check():
            logger.info("Another scheduler holds the lock; %s left to it", path)
            return
        if is_waiting(task):
            logger.info("%s is still waiting in the queue; not queued again", path)
            return
        task.enqueue()
        logger.info("Queued %s", path)
    except Exception:
        # A lost database connection: the next tick opens a new one.
        logger.exception("Could not queue %s", path)
        Leadership.held = False
        connection.close()


class Command(BaseCommand):
    help = "Queues the portal's periodic tasks (GOVCMS_PERIODIC_TASKS) for the worker."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Queue every periodic task once, now, and exit.",
        )

    def handle(self, *args, once=False, **options):
        schedule = settings.GOVCMS_PERIODIC_TASKS
        if once:  # an operator's explicit request: whichever scheduler leads
            for path in schedule:
                enqueue(path, leader_only=False)
            return
        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        for path, crontab in schedule.items():
            scheduler.add_job(
                enqueue,
                CronTrigger.from_crontab(crontab, timezone=settings.TIME_ZONE),
                args=[path],
                id=path,
                # A tick missed by less than a minute (a busy machine) is still taken.
                misfire_grace_time=60,
                coalesce=True,
            )
            self.stdout.write(f"{crontab:<15} {path}")
        scheduler.start()
