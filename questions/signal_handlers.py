from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from . import emails
from .models import OPEN_STATUSES, AnswerPage, Status


@receiver(page_published, sender=AnswerPage)
def question_answered(sender, instance, **kwargs):
    """On an answer's (first) publication, the question is answered and its asker told."""
    question = instance.question
    if question is None or question.status not in OPEN_STATUSES:
        return
    question.status, question.closed_at = Status.ANSWERED, timezone.now()
    question.save(update_fields=["status", "closed_at"])
    transaction.on_commit(lambda: emails.question_answered(question, instance))
