from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import ForcedPublication, RoyaltyGrade


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


class ReviewPlanForm(forms.Form):
    owner = forms.ModelChoiceField(
        label=pgettext_lazy("content review", "Owner"),
        queryset=None,
        help_text=_("A person of the unit, who answers for the page and is reminded of it."),
        error_messages={
            "invalid_choice": _("Choose a person of the unit."),
            "required": _("Choose a person of the unit."),
        },
    )
    next_review = forms.DateField(
        label=_("Next review"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("Day/month/year. Leave it empty when the page needs no review."),
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Write the date as day/month/year, e.g. 25/11/2027.")},
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["owner"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )

    def clean_next_review(self):
        day = self.cleaned_data["next_review"]
        if day is not None and not 2000 <= day.year <= 2099:
            raise forms.ValidationError(_("Write the date as day/month/year, e.g. 25/11/2027."))
        return day


DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class UnitScopeForm(forms.Form):
    """A report's scope: one of the user's units, or the whole portal for the board.
    Another unit's id is an invalid choice."""

    unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, *args, units, whole_portal, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(unit.pk), unit.title) for unit in units]
        if whole_portal:
            choices.insert(0, ("", _("The whole portal")))
        self.fields["unit"].choices = choices
        self.units = {str(unit.pk): unit for unit in units}
        self.whole_portal = whole_portal

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("unit") and not self.whole_portal:
            self.add_error("unit", _("Choose a unit."))
        return cleaned

    def scope(self):
        """The chosen unit page, or None for the whole portal."""
        return self.units.get(self.cleaned_data.get("unit") or "")


class StatisticsForm(UnitScopeForm):
    field_order = ["start", "end", "unit"]

    start = forms.DateField(
        label=_("From"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Write the date as day/month/year, e.g. 25/11/2027.")},
    )
    end = forms.DateField(
        label=_("To"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Write the date as day/month/year, e.g. 25/11/2027.")},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                self.add_error("end", _("The end of the period comes before its start."))
            elif (end - start).days > 3 * 366:
                self.add_error("end", _("Choose a period of at most three years."))
        return cleaned


class RoyaltyForm(forms.Form):
    grade = forms.ModelChoiceField(label=_("Royalty grade"), queryset=None)
    authors = forms.CharField(
        label=_("Authors"),
        help_text=_("One name per line; the amount is shared equally among them."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Write at least one author.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].queryset = RoyaltyGrade.objects.filter(active=True)

    def clean_authors(self):
        names = [" ".join(line.split()) for line in self.cleaned_data["authors"].splitlines()]
        names = [name for name in names if name]
        if not names:
            raise forms.ValidationError(_("Write at least one author."))
        if len(names) > 10:
            raise forms.ValidationError(_("At most ten authors share one work."))
        if any(len(name) > 100 for name in names):
            raise forms.ValidationError(_("A name has at most 100 characters."))
        return names


class RoyaltyMonthForm(UnitScopeForm):
    field_order = ["month", "unit"]

    month = forms.DateField(
        label=_("Month"),
        input_formats=["%m/%Y"],
        widget=forms.DateInput(format="%m/%Y", attrs={"placeholder": "mm/yyyy"}),
        error_messages={"invalid": _("Write the month as month/year, e.g. 11/2026.")},
    )
