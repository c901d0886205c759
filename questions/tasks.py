"""The questions' periodic work, queued daily by the scheduler (GOVCMS_PERIODIC_TASKS)."""

from django.core.management import call_command
from django_tasks import task


@task()
def purge_question_data():
    """Erases what the retention period no longer allows (docs/privacy.md)."""
    call_command("purge_question_data", verbosity=0)
