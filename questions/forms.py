"""The public form a citizen asks with: no account, and three defences against spam that
need no third-party service: a field people never see (bots fill it), a signed time
(a form sent back within seconds, or days later, was not filled by a person reading it),
and a limit per address (views.py)."""

import time

from django import forms
from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from departments.models import DepartmentPage

from .models import Question, QuestionIndexPage

SIGNING_SALT = "questions.ask"

phone_validator = RegexValidator(
    r"^\+?[0-9 .()-]{8,20}$", _("Enter a telephone number of digits, e.g. 0226 3852 701.")
)


def unit_names(indexes):
    """The full name of the unit (or of the department) above each question list, in two
    queries: the lists, and the pages above them."""
    # The portal's identity (home/) is the layer above: looked up by name, not imported.
    portal_settings = apps.get_model("home", "PortalSettings")
    paths = {index.pk: index.path[: -QuestionIndexPage.steplen] for index in indexes}
    units = dict(
        DepartmentPage.objects.filter(path__in=paths.values()).values_list("path", "full_name")
    )
    department = None
    names = {}
    for pk, path in paths.items():
        if path not in units and department is None:
            site = Site.objects.filter(is_default_site=True).first()
            department = portal_settings.for_site(site).owner_name if site else ""
        names[pk] = units.get(path) or department
    return names


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

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        indexes = QuestionIndexPage.objects.live().public().order_by("depth", "path")
        self.fields["index"].queryset = indexes
        self.fields["index"].label = _("Unit concerned")
        names = unit_names(indexes)
        self.fields["index"].label_from_instance = lambda index: names.get(index.pk, index.title)
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
