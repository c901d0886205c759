"""Periodic work of the portal's core, run by the background worker (docs/architecture.md)."""

from django.core.management import call_command
from django_tasks import task


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


@task()
def ban_frontend_cache(pattern, backend_names=None, attempt=1):
    """Bans ``pattern`` in the HTTP caches (govcms/frontend_cache.py): a second time after a
    change, or again in one that refused or did not answer."""
    from .frontend_cache import send

    send(pattern, backend_names, attempt)
