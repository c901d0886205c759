"""The admin's lists of documents: the document pages themselves (filtered as the public
list is, confined to what the user may explore), and the lists the board keeps."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import numbers
from .models import DocumentField, DocumentType, IssuingBody, LegalDocumentPage, Status

MIN_YEAR, MAX_YEAR = 1945, 2999


class LegalDocumentFilterSet(WagtailFilterSet):
    number = django_filters.CharFilter(label=_("Number and symbol"), method="filter_number")
    document_type = django_filters.ModelChoiceFilter(
        label=_("Document type"), queryset=DocumentType.objects.all()
    )
    issuing_body = django_filters.ModelChoiceFilter(
        label=_("Issuing body"), queryset=IssuingBody.objects.all()
    )
    fields = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("legal document", "Field"), queryset=DocumentField.objects.all()
    )
    year = django_filters.NumberFilter(label=_("Year issued"), method="filter_year")
    status = django_filters.ChoiceFilter(
        label=pgettext_lazy("legal document", "Status"),
        choices=Status.choices,
        method="filter_status",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = LegalDocumentPage
        fields = []

    def filter_number(self, queryset, name, value):
        return queryset.filter(number_key__startswith=numbers.lookup_key(value))

    def filter_year(self, queryset, name, value):
        if value != int(value) or not MIN_YEAR <= value <= MAX_YEAR:
            return queryset.none()  # no document was issued then
        return queryset.filter(issued_on__year=int(value))

    def filter_status(self, queryset, name, value):
        return queryset.filter(pk__in=LegalDocumentPage.objects.with_status(value).values("pk"))


class LegalDocumentListingViewSet(PageListingViewSet):
    model = LegalDocumentPage
    icon = "doc-full"
    menu_label = _("Legal documents")
    menu_order = 150
    add_to_admin_menu = True
    name = "legal_documents"
    filterset_class = LegalDocumentFilterSet
    list_export = ["number", "title", "document_type", "issuing_body", "issued_on", "live"]
    export_headings = {
        "number": _("Number and symbol"),
        "title": _("Title"),
        "document_type": _("Document type"),
        "issuing_body": _("Issuing body"),
        "issued_on": _("Issued on"),
        "live": _("Published"),
    }
    columns = [
        *PageListingViewSet.index_view_class.base_columns[:2],
        Column("number", label=_("Number and symbol"), sort_key="number_key"),
        DateColumn("issued_on", label=_("Issued on"), sort_key="issued_on"),
        *PageListingViewSet.index_view_class.base_columns[2:4],
        PageListingViewSet.index_view_class.base_columns[-1],
    ]


class ListEntryViewSet(SnippetViewSet):
    list_display = ["name", "sort_order"]
    ordering = ["sort_order", "name"]
    search_fields = ["name"]


class DocumentTypeViewSet(ListEntryViewSet):
    model = DocumentType
    icon = "tag"


class IssuingBodyViewSet(ListEntryViewSet):
    model = IssuingBody
    icon = "group"


class DocumentFieldViewSet(ListEntryViewSet):
    model = DocumentField
    icon = "folder-open-1"


class DocumentListsGroup(SnippetViewSetGroup):
    """Settings → Document lists: what editors pick from, kept by the board."""

    menu_label = _("Document lists")
    menu_icon = "list-ul"
    menu_order = 800
    items = (DocumentTypeViewSet, IssuingBodyViewSet, DocumentFieldViewSet)
