from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ForcedPublication


class ForcePublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Why must this be published without the unit's approval?"),
        help_text=_(
            "Kept in the page's history and sent to the other members of the editorial board."
        ),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write the reason for publishing without approval."),
            "min_length": _(
                "Write the reason in a full sentence (at least %(limit_value)d characters)."
            ),
        },
    )

    def clean_reason(self):
        return " ".join(self.cleaned_data["reason"].split())


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (ForcedPublication.Outcome.ACCEPTED, _("Accept: the publication was justified")),
            (ForcedPublication.Outcome.SENT_BACK, _("Send back, with a comment")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("outcome") == ForcedPublication.Outcome.SENT_BACK
            and not cleaned.get("comment", "").strip()
        ):
            self.add_error("comment", _("Say what must be put right when sending it back."))
        return cleaned
