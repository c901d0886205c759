"""Periodic work of the portal's core, run by the background worker (docs/architecture.md)."""

import logging
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def publish_scheduled_pages():
    """Publishes the revisions whose go-live time has come and unpublishes the pages whose
    expiry has passed (Wagtail's ``publish_scheduled``); the scheduler queues it every
    minute."""
    call_command("publish_scheduled", verbosity=0)


@task()
def prune_task_results():
    """Deletes the queue's finished tasks after 14 days, the failed ones after 90 (time
    enough to look into them)."""
    call_command("prune_db_task_results", min_age_days=14, failed_min_age_days=90, verbosity=0)


# A ban an HTTP cache did not take at once: again after 5 s, 30 s, 2 min and 10 min.
BAN_RETRY_SECONDS = (5, 30, 120, 600)


@task()
def ban_frontend_cache(pattern, backend_names=None, attempt=1):
    """Bans ``pattern`` in the HTTP caches (govcms/frontend_cache.py): a second time after a
    change, or again in one that refused or did not answer. After the last attempt the
    failure is logged as an error: pages may be stale there until their cache time ends."""
    from wagtail.contrib.frontend_cache.utils import get_backends

    for name, backend in get_backends(backends=backend_names).items():
        if not hasattr(backend, "ban"):
            continue
        try:
            backend.ban(pattern)
        except OSError:
            last = attempt > len(BAN_RETRY_SECONDS)
            if last or not ban_frontend_cache.get_backend().supports_defer:
                logger.exception("The HTTP cache %s did not take a ban (attempt %d)", name, attempt)
                continue
            later = timezone.now() + timedelta(seconds=BAN_RETRY_SECONDS[attempt - 1])
            ban_frontend_cache.using(run_after=later).enqueue(pattern, [name], attempt + 1)
