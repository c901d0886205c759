"""The filters of a document list, public and admin alike: type, issuing body, field, year,
status and words (or a number), combined; each state is one shareable address."""

import datetime

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from govcms.text import SEARCH_CONFIG
from news.queries import NewsPaginator

from . import lists, numbers
from .models import LegalDocumentPage, Status

# The query-string names: short, Vietnamese, stable (they are in shared links).
NAMES = {
    "q": "q",
    "document_type": "loai",
    "issuing_body": "co-quan",
    "field": "linh-vuc",
    "year": "nam",
    "status": "hieu-luc",
}


# The portal's search index (search/backend.py), which folds diacritics inside PostgreSQL.
MATCH_SQL = f"""
    SELECT e.object_id::integer FROM wagtailsearch_indexentry e
    WHERE e.content_type_id = %s
      AND (e.title || e.body) @@ plainto_tsquery('{SEARCH_CONFIG}', %s)
"""


def matching_ids(text):
    """Ids of the documents whose words match ``text`` (a subquery, not a list)."""
    content_type = ContentType.objects.get_for_model(LegalDocumentPage)
    if connection.vendor != "postgresql":  # a first local run on SQLite
        results = LegalDocumentPage.objects.live().search(text, order_by_relevance=False)
        return [page.pk for page in results]
    return RawSQL(MATCH_SQL, [content_type.pk, text])


class ListChoiceField(forms.ChoiceField):
    """One of the board's lists, by the slugs of its entries (cleaned to the entry's id)."""

    def __init__(self, list_name, empty_label, **kwargs):
        self.list_name = list_name
        self.empty_label = empty_label
        super().__init__(required=False, **kwargs)

    def load_choices(self):
        entries = lists.entries(self.list_name)
        self.choices = [("", self.empty_label), *((slug, name) for _pk, slug, name in entries)]

    def clean(self, value):
        value = super().clean(value)
        return next(
            (pk for pk, slug, _name in lists.entries(self.list_name) if slug == value), None
        )


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Number or words"), max_length=200, required=False)
    document_type = ListChoiceField(
        "document_type", label=_("Document type"), empty_label=_("All types")
    )
    issuing_body = ListChoiceField(
        "issuing_body", label=_("Issuing body"), empty_label=_("All issuing bodies")
    )
    field = ListChoiceField(
        "field", label=pgettext_lazy("legal document", "Field"), empty_label=_("All fields")
    )
    # A text box: a number box could not show back a mistyped value to be corrected.
    year = forms.IntegerField(
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4, "size": 4}),
        label=_("Year issued"),
        required=False,
        min_value=1945,
        max_value=2999,
        error_messages={"invalid": _("Enter a year such as 2024.")},
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("legal document", "Status"),
        choices=[("", _("Any status")), *Status.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, ListChoiceField):
                field.load_choices()
            kind = "usa-select" if isinstance(field.widget, forms.Select) else "usa-input"
            field.widget.attrs["class"] = kind
        self.fields["q"].widget.input_type = "search"

    def add_prefix(self, field_name):
        """Fields are read from, and named in the page by, the address's short names."""
        return NAMES.get(field_name, field_name)


class DocumentFilter:
    """A list's documents narrowed by a filter form. A bad value is left out with a
    Vietnamese message; the other filters still apply."""

    def __init__(self, data, index=None, documents=None):
        self.form = DocumentFilterForm(data, auto_id="filter-%s")
        self.form.is_valid()
        self.values = {
            name: value for name, value in self.form.cleaned_data.items() if value not in (None, "")
        }
        if documents is None:
            documents = index.get_documents()
        self.documents = self.apply(documents)

    @property
    def errors(self):
        return [error for errors in self.form.errors.values() for error in errors]

    def apply(self, documents):
        values = self.values
        if "document_type" in values:
            documents = documents.filter(document_type_id=values["document_type"])
        if "issuing_body" in values:
            documents = documents.filter(issuing_body_id=values["issuing_body"])
        if "field" in values:
            documents = documents.filter(fields=values["field"])
        if "year" in values:
            # A range, not EXTRACT, so that the issue date's index serves it.
            year = values["year"]
            documents = documents.filter(
                issued_on__gte=datetime.date(year, 1, 1),
                issued_on__lt=datetime.date(year + 1, 1, 1),
            )
        if "status" in values:
            documents = documents.with_status(values["status"])
        if "q" in values:
            documents = self.search(documents, values["q"])
        return documents

    def search(self, documents, text):
        """A number, however typed, is looked up by its key; words go through the portal's
        search, which ignores diacritics. A number that matches nothing is searched as words."""
        if numbers.looks_like_a_number(text):
            key = numbers.lookup_key(text)
            by_number = documents.filter(number_key__startswith=key)
            if by_number.exists():
                return by_number
        return documents.filter(pk__in=matching_ids(text))

    def state(self):
        """The filters as applied, by their address names: the list's canonical query."""
        return {NAMES[name]: self.form.data.get(NAMES[name]) for name in self.values}

    def page(self, number, per_page):
        # Ids first, then the page's rows: a deep page skips thousands of rows without
        # joining or computing anything for them (news/queries.py).
        return NewsPaginator(self.documents, per_page).get_page(number)


__all__ = ["DocumentFilter", "DocumentFilterForm", "LegalDocumentPage"]
