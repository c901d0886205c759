"""E-mail leaves the request: every message the portal sends (Wagtail's workflow notices,
the citizens' question e-mails, password resets, digests) is handed to the background
worker, which delivers it through the real backend and tries again when the mail server
fails.

``EMAIL_BACKEND`` is ``QueuedEmailBackend``; ``GOVCMS_EMAIL_DELIVERY_BACKEND`` is the backend
the worker delivers through (SMTP in production). A message is queued when the request's
transaction commits: a request that fails sends nothing.
"""

import base64
import logging
from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Minutes to wait before each new attempt: about a day and a half in all, long enough for
# a mail server's maintenance window, short of the digests' next round.
RETRY_DELAYS = (1, 5, 15, 60, 180, 360, 720)


def _bytes(content):
    return content.encode() if isinstance(content, str) else bytes(content)


def to_dict(message):
    """What the worker needs to build the message again, as JSON."""
    headers = dict(message.extra_headers)
    # One Message-ID for every attempt, so a receiving server can tell a repeat.
    headers.setdefault("Message-ID", make_msgid(domain="govcms"))
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": headers,
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [
            [name, base64.b64encode(_bytes(content)).decode("ascii"), mimetype]
            for name, content, mimetype in message.attachments
        ],
    }


def from_dict(data, connection=None):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        connection=connection,
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for name, content, mimetype in data["attachments"]:
        message.attach(name, base64.b64decode(content), mimetype)
    return message


@task(queue_name="default", priority=10)
def deliver_email(data, attempt=1):
    """Sends one message through the delivery backend. A failure is logged and the
    message queued again, later, until ``RETRY_DELAYS`` runs out; then it is logged as
    lost, with its recipients, for the administrators."""
    connection = get_connection(settings.GOVCMS_EMAIL_DELIVERY_BACKEND)
    try:
        return from_dict(data, connection=connection).send()
    except Exception:
        recipients = ", ".join(data["to"] + data["cc"] + data["bcc"])
        if attempt > len(RETRY_DELAYS) or not deliver_email.get_backend().supports_defer:
            logger.exception(
                "E-mail %r to %s not delivered after %d attempts",
                data["subject"],
                recipients,
                attempt,
            )
            raise
        delay = timedelta(minutes=RETRY_DELAYS[attempt - 1])
        logger.warning(
            "E-mail %r to %s not delivered (attempt %d); trying again in %s",
            data["subject"],
            recipients,
            attempt,
            delay,
            exc_info=True,
        )
        deliver_email.using(run_after=timezone.now() + delay).enqueue(data, attempt + 1)
        return 0


class QueuedEmailBackend(BaseEmailBackend):
    """Queues each message for the worker (``deliver_email``) once the transaction commits."""

    def send_messages(self, email_messages):
        for message in email_messages:
            if not message.recipients():
                continue
            data = to_dict(message)
            transaction.on_commit(lambda data=data: deliver_email.enqueue(data), robust=True)
        return len(email_messages)
