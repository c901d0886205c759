"""The e-mails of a question's life: the acknowledgement to the citizen, the notice to
the unit's staff, the citizen's notice of the answer or of the refusal. Each is sent in
Vietnamese, whoever triggers it."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def _send(template, context, recipients):
    recipients = [address for address in recipients if address]
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"questions/email/{template}_subject.txt", context)
        body = render_to_string(f"questions/email/{template}.txt", context)
    subject = " ".join(subject.split())  # a citizen's subject must not break the header
    try:
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:
        # The question is saved whatever happens here: the message is only queued for the
        # worker (govcms/mail.py), which delivers it and tries again when the server fails.
        logger.exception(
            "Could not send the %s e-mail of question %s", template, context["question"].reference
        )
        return 0


def staff_addresses(question):
    """The e-mail addresses of the staff who answer ``question``: the unit's editors and
    approvers, or the board for the department's own questions."""
    unit = question.unit
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    resources = getattr(unit, "resources", None)
    if resources is not None:
        users = users.filter(groups__in=[resources.editors_id, resources.approvers_id])
    else:
        users = users.filter(groups__name=settings.GOVCMS_BOARD_GROUP)
    return sorted(set(users.values_list("email", flat=True)))


def question_received(question):
    context = {"question": question, "unit": question.unit}
    _send("received", context, [question.email])
    context["admin_url"] = settings.WAGTAILADMIN_BASE_URL + reverse(
        "questions_question:inspect", args=[question.pk]
    )
    _send("waiting", context, staff_addresses(question))


def question_answered(question, answer_page):
    context = {"question": question, "unit": question.unit, "url": answer_page.full_url}
    _send("answered", context, [question.email])


def question_refused(question):
    _send("refused", {"question": question, "unit": question.unit}, [question.email])
