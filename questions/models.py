"""Citizens' questions (hỏi đáp) and their public answers.

A question is private: it holds the asker's name and contacts, and only the staff of the
unit it is addressed to see it in the admin (the board sees all). An answer is a page
under the unit's question list, so it goes through the unit's approval workflow and
confinement like news; only the question's subject and text, as the staff publish them,
reach the public, never the asker's contacts. The asker's personal data are erased
after ``GOVCMS_QUESTIONS_KEEP_PERSONAL_DAYS`` (``purge_question_data``), leaving the
anonymised question (docs/privacy.md)."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from departments.confinement import sees_everything
from departments.models import units_of
from govcms.forms import PortalPageForm
from govcms.pages import BasePage

QUESTIONS_PER_PAGE = 20
ANSWER_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]
# Letters and digits that cannot be mistaken for each other when read out on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class Status(models.TextChoices):
    NEW = "new", _("New")
    ANSWERING = "answering", _("Being answered")
    ANSWERED = "answered", _("Answered")
    REFUSED = "refused", _("Refused")


OPEN_STATUSES = (Status.NEW, Status.ANSWERING)


def new_reference():
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"HD-{timezone.localdate().year}-{code}"


class QuestionQuerySet(models.QuerySet):
    def for_user(self, user):
        """The questions ``user`` may see: their units' (all of them for the board)."""
        if sees_everything(user):
            return self
        paths = list(units_of(user).values_list("path", flat=True))
        if not paths:
            return self.none()
        query = models.Q()
        for unit_path in paths:
            query |= models.Q(index__path__startswith=unit_path)
        return self.filter(query)

    def overdue(self, days, now=None):
        limit = (now or timezone.now()) - timezone.timedelta(days=days)
        return self.filter(status__in=OPEN_STATUSES, created_at__lt=limit)


class Question(models.Model):
    index = models.ForeignKey(
        "questions.QuestionIndexPage",
        verbose_name=_("addressed to"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    reference = models.CharField(
        _("reference code"), max_length=20, unique=True, default=new_reference, editable=False
    )
    # Personal data: erased by ``purge_question_data`` (docs/privacy.md).
    name = models.CharField(_("full name"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telephone"), max_length=20, blank=True)
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased"), null=True, blank=True, editable=False
    )

    subject = models.CharField(pgettext_lazy("question", "subject"), max_length=200)
    body = models.TextField(_("question"), max_length=5000)
    created_at = models.DateTimeField(_("asked"), default=timezone.now, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    refusal_reason = models.TextField(_("reason for refusal"), blank=True, max_length=2000)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    # Not in Wagtail's reference index: a question is no use of the page it is addressed
    # to (and asking should cost no more than one row).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("citizen's question")
        verbose_name_plural = _("citizens' questions")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.reference}: {self.subject}"

    @property
    def unit(self):
        return self.index.get_parent().specific

    @property
    def age_days(self):
        return (timezone.now() - self.created_at).days

    def erase_personal_data(self):
        self.name = self.email = self.phone = ""
        self.personal_data_erased_at = timezone.now()
        self.save(update_fields=["name", "email", "phone", "personal_data_erased_at"])


class QuestionIndexPage(RoutablePageMixin, BasePage):
    """A unit's (or the department's) questions and answers, and the form to ask."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage", "departments.DepartmentPage"]
    subpage_types = ["questions.AnswerPage"]
    max_count_per_parent = 1
    page_description = _("Citizens' questions to a unit and the unit's published answers.")

    class Meta:
        verbose_name = _("questions and answers")
        verbose_name_plural = _("questions and answers")

    def get_answers(self):
        return AnswerPage.objects.child_of(self).live().public().order_by("-asked_on", "-pk")

    @path("gui-cau-hoi/", name="ask")
    def ask(self, request):
        from .views import ask

        return ask(request, self)

    @path("", name="answers")
    def answers(self, request):
        from django.core.paginator import Paginator

        answers_page = Paginator(self.get_answers(), QUESTIONS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return self.render(
            request,
            context_overrides={
                "answers_page": answers_page,
                "canonical": self.list_address(request, answers_page.number),
            },
        )


class AnswerForm(PortalPageForm):
    def clean(self):
        cleaned_data = super().clean()
        text = strip_tags(cleaned_data.get("answer") or "").strip()
        if not self.is_deferred_validation and not text:
            self.add_error("answer", _("Write the answer before sending it for approval."))
        return cleaned_data


class AnswerPage(BasePage):
    """A question as published, with the unit's answer: no personal data of the asker."""

    question = models.OneToOneField(
        Question,
        verbose_name=_("question answered"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answer_page",
    )
    asked_on = models.DateField(_("asked on"), default=timezone.localdate)
    question_text = models.TextField(
        _("question as published"),
        max_length=5000,
        help_text=_("Leave out anything that would identify the asker."),
    )
    # Blank in a draft (the "answer" action starts one); required to submit or publish.
    answer = RichTextField(_("answer"), features=ANSWER_FEATURES, blank=True)
    answered_by = models.CharField(
        _("answered by"),
        max_length=255,
        blank=True,
        help_text=_("The office that answers, e.g. Phòng Nghiệp vụ."),
    )

    content_panels = [
        FieldPanel("title", heading=_("subject")),
        MultiFieldPanel(
            [
                FieldPanel("question", read_only=True),
                FieldPanel("asked_on"),
                FieldPanel("question_text"),
            ],
            heading=_("Question"),
        ),
        FieldPanel("answer"),
        FieldPanel("answered_by"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("question_text"),
        index.SearchField("answer"),
        index.FilterField("asked_on"),  # the list's explorer orders a search by it
    ]
    base_form_class = AnswerForm

    parent_page_types = ["questions.QuestionIndexPage"]
    subpage_types = []
    # A copy answers no question: each question has one answer.
    exclude_fields_in_copy = ["question"]
    page_description = _("The published answer to a citizen's question.")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
