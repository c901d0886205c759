"""The public form a citizen asks with: no account, and three defences against spam that
need no third-party service: a field people never see (bots fill it), a signed time
(a form sent back within seconds, or days later, was not filled by a person reading it),
and a limit per address (views.py)."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import RegexValidator
from django.db.models import Exists, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from departments.models import DepartmentPage
from govcms.units import parent_path

from .models import Question, QuestionIndexPage

SIGNING_SALT = "questions.ask"

phone_validator = RegexValidator(
    r"^\+?[0-9 .()-]{8,20}$", _("Enter a telephone number of digits, e.g. 0226 3852 701.")
)


def question_lists():
    """The live question lists, each with the full name of the unit above it (none for
    the department's own): one query."""
    unit = DepartmentPage.objects.filter(path=parent_path())
    unpublished_above = Page.objects.filter(live=False, path=parent_path())
    return (
        QuestionIndexPage.objects.live()
        .public()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .exclude(Exists(unpublished_above))  # a unit taken off the portal takes none
        .annotate(unit_name=Subquery(unit.values("full_name")[:1]))
        .order_by("depth", "path")
    )


class QuestionForm(forms.ModelForm):
    # Hidden from people (and from screen readers); bots fill every field they find.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Question
        fields = ["index", "name", "email", "phone", "subject", "body"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, current=None, department="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["index"].queryset = question_lists()
        self.fields["index"].label = _("Unit concerned")
        self.fields["index"].label_from_instance = lambda index: index.unit_name or department
        self.fields["index"].empty_label = None
        if current is not None:
            self.fields["index"].initial = current.pk
        self.fields["name"].required = True
        self.fields["email"].required = True
        self.fields["phone"].validators.append(phone_validator)
        self.fields["started"].initial = signing.dumps(time.time(), salt=SIGNING_SALT)
        for name in ("name", "email", "phone", "subject", "body"):
            self.fields[name].widget.attrs.setdefault("class", "usa-input")
        self.fields["body"].widget.attrs["class"] = "usa-textarea"
        self.fields["index"].widget.attrs["class"] = "usa-select"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")

    def is_spam(self):
        """Whether the honeypot is filled or the form came back too fast or too late."""
        if self.data.get("website"):
            return True
        try:
            started = signing.loads(
                self.data.get("started", ""),
                salt=SIGNING_SALT,
                max_age=settings.GOVCMS_QUESTIONS_FORM_MAX_SECONDS,
            )
        except signing.BadSignature:
            return True
        took = time.time() - float(started)
        return not (
            settings.GOVCMS_QUESTIONS_FORM_MIN_SECONDS
            <= took
            <= settings.GOVCMS_QUESTIONS_FORM_MAX_SECONDS
        )
