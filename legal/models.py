"""Legal and direction documents (văn bản) as pages: each unit's, under its own list, and
the department's, under a list beside the portal's news. Documents go through the unit's
approval workflow and stay inside its confinement exactly as news does, because they are
pages of the same tree (DESIGN §5)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from departments.confinement import sees_everything
from departments.models import units_of
from govcms.forms import PortalPageForm
from govcms.pages import BasePage, PortalPageManager, PortalPageQuerySet
from govcms.text import vietnamese_slugify
from govcms.units import unit_of

from . import numbers

DOCUMENTS_PER_PAGE = 20


class ListEntry(models.Model):
    """An entry of one of the lists the board keeps (Settings → the document lists)."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    slug = models.SlugField(_("address"), max_length=255, unique=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = vietnamese_slugify(self.name)[:255] or "muc"
        super().save(*args, **kwargs)


class DocumentType(ListEntry):
    """Quyết định, Chỉ thị, Kế hoạch, Công văn, Thông báo, Báo cáo…"""

    class Meta(ListEntry.Meta):
        verbose_name = _("document type")
        verbose_name_plural = _("document types")


class IssuingBody(ListEntry):
    """Who issues documents: the department, a unit, the provincial People's Committee…"""

    class Meta(ListEntry.Meta):
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")


class DocumentField(ListEntry):
    """A field (lĩnh vực) a document concerns: culture, sport, tourism, libraries…"""

    class Meta(ListEntry.Meta):
        verbose_name = _("document field")
        verbose_name_plural = _("document fields")


class Status(models.TextChoices):
    IN_FORCE = "con-hieu-luc", _("In force")
    NOT_YET = "chua-hieu-luc", _("Not yet in force")
    EXPIRED = "het-hieu-luc", _("Expired")


def _today():
    return timezone.localdate()


class LegalDocumentQuerySet(PortalPageQuerySet):
    def _replaced_q(self, day):
        """Replaced by a live, public document already in force on ``day`` (a restricted
        one says nothing to the public, its status included)."""
        replacing = (
            LegalDocumentPage.objects.live()
            .public()
            .filter(replacements__replaced=OuterRef("pk"), effective_from__lte=day)
        )
        return Exists(replacing)

    def with_status(self, status, day=None):
        day = day or _today()
        not_yet = Q(effective_from__gt=day)
        ended = Q(effective_until__lt=day)
        if status == Status.NOT_YET:
            return self.filter(not_yet)
        replaced = self._replaced_q(day)
        if status == Status.EXPIRED:
            return self.filter(~not_yet).filter(ended | replaced)
        return self.filter(~not_yet & ~ended).exclude(replaced)

    def public_documents(self):
        """Live, public documents, newest issued first, with what a list shows (their
        status included, without a query per row)."""
        return (
            self.live()
            .public()
            .select_related("document_type", "issuing_body")
            .annotate(replaced_in_force=self._replaced_q(_today()))
            .order_by("-issued_on", "-pk")
        )


class LegalDocumentManager(PortalPageManager.from_queryset(LegalDocumentQuerySet)):
    pass


class LegalDocumentIndexPage(RoutablePageMixin, BasePage):
    """A list of documents: the department's (under the home page) or one unit's."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage", "departments.DepartmentPage"]
    subpage_types = ["legal.LegalDocumentPage"]
    page_description = _(
        "A list of legal and direction documents: the department's, or one unit's."
    )

    class Meta:
        verbose_name = _("document list")
        verbose_name_plural = _("document lists")

    def get_documents(self):
        return LegalDocumentPage.objects.child_of(self).public_documents()

    @path("rss/", name="feed")
    def feed(self, request):
        from .feeds import DocumentFeed

        return DocumentFeed(self)(request)

    @path("")
    def document_list(self, request):
        from .filters import DocumentFilter

        document_filter = DocumentFilter(request.GET, index=self)
        documents_page = document_filter.page(request.GET.get("page"), DOCUMENTS_PER_PAGE)
        return self.render(
            request,
            context_overrides={
                "filter": document_filter,
                "documents_page": documents_page,
                "canonical": self.list_address(
                    request, documents_page.number, **document_filter.state()
                ),
            },
        )


class LegalDocumentForm(PortalPageForm):
    """A unit replaces only its own documents: the department's, or another unit's, are
    replaced by their owners (the board may link any two). Other units' documents are
    refused by the page form's own check (``check_page_form_references``)."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("replacements")
        if formset is None:
            return cleaned_data
        user = self.for_user
        board = user is None or sees_everything(user)
        own = [] if board else [unit.path for unit in units_of(user)]
        for form in formset.forms:
            replaced = form.cleaned_data.get("replaced") if form.is_valid() else None
            if replaced is None or form.cleaned_data.get("DELETE"):
                continue
            if self.instance.pk and replaced.pk == self.instance.pk:
                self.add_error(None, _("A document cannot replace itself."))
            # A row already there and left as it is stays: the board may have added it.
            elif board or (form.instance.pk and form.initial.get("replaced") == replaced.pk):
                continue
            elif not any(replaced.path.startswith(path) for path in own):
                # Nothing of the document is named: its id may have been typed.
                self.add_error(
                    None,
                    _(
                        "A chosen document is not your unit's: only the unit it belongs to "
                        "can replace it."
                    ),
                )
        return cleaned_data


class LegalDocumentPage(BasePage):
    objects = LegalDocumentManager()
    # A document shows those that replace it and those it replaces, in any unit, and its
    # status follows from them: a change to one reaches every document in the HTTP cache
    # (govcms/frontend_cache.py).
    cache_tags_shown = ("legal-documents",)

    number = models.CharField(
        _("number and symbol"),
        max_length=100,
        help_text=_("As printed on the document, e.g. 125/QĐ-SVHTTDL or 12/2024/TT-BVHTTDL."),
    )
    number_key = models.CharField(max_length=100, editable=False, db_index=True, default="")
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("document type"), on_delete=models.PROTECT, related_name="+"
    )
    issuing_body = models.ForeignKey(
        IssuingBody, verbose_name=_("issuing body"), on_delete=models.PROTECT, related_name="+"
    )
    signer_name = models.CharField(_("signed by"), max_length=255)
    signer_position = models.CharField(_("signer's position"), max_length=255)
    issued_on = models.DateField(_("issued on"))
    effective_from = models.DateField(_("in force from"))
    effective_until = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("Empty while it has no end date.")
    )
    summary = models.TextField(
        _("summary (trích yếu)"),
        max_length=2000,
        help_text=_("What the document is about, as its heading says."),
    )
    fields = ParentalManyToManyField(
        DocumentField, verbose_name=pgettext_lazy("legal document", "fields"), blank=True
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("document_type")]),
                FieldPanel("issuing_body"),
                FieldRowPanel([FieldPanel("signer_name"), FieldPanel("signer_position")]),
            ],
            heading=_("Identification"),
        ),
        FieldRowPanel(
            [FieldPanel("issued_on"), FieldPanel("effective_from"), FieldPanel("effective_until")],
            heading=_("Dates"),
        ),
        FieldPanel("summary"),
        FieldPanel("fields", widget=forms.CheckboxSelectMultiple),
        InlinePanel("files", heading=_("Files"), label=_("File"), min_num=1),
        MultipleChooserPanel(
            "replacements",
            chooser_field_name="replaced",
            heading=_("Replaces"),
            label=_("Replaced document"),
            help_text=_("Documents this one supersedes; they show as expired once it is in force."),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("number"),
        index.SearchField("summary"),
        index.SearchField("signer_name"),
        index.AutocompleteField("number"),
        index.FilterField("issued_on"),
        index.FilterField("document_type"),
        index.FilterField("issuing_body"),
    ]

    parent_page_types = ["legal.LegalDocumentIndexPage"]
    subpage_types = []
    page_description = _("A legal or direction document, published after approval.")
    base_form_class = LegalDocumentForm

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        indexes = [models.Index(models.F("issued_on").desc(), name="legal_document_issued")]

    @property
    def unit(self):
        return unit_of(self)

    def clean(self):
        super().clean()
        errors = {}
        if self.number and not numbers.is_well_formed(self.number):
            errors["number"] = _(
                "Write the number and symbol as printed, e.g. 125/QĐ-SVHTTDL: the number, "
                "a slash, then the symbol."
            )
        if self.issued_on and self.effective_from and self.effective_from < self.issued_on:
            errors["effective_from"] = _("A document cannot be in force before it is issued.")
        if (
            self.effective_from
            and self.effective_until
            and self.effective_until < self.effective_from
        ):
            errors["effective_until"] = _("The end of force cannot come before its start.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.number:
            self.number = numbers.tidy(self.number)
            self.number_key = numbers.lookup_key(self.number)
        super().save(*args, **kwargs)

    def status(self, day=None):
        day = day or _today()
        if self.effective_from and self.effective_from > day:
            return Status.NOT_YET
        if self.effective_until and self.effective_until < day:
            return Status.EXPIRED
        replaced = getattr(self, "replaced_in_force", None)  # annotated in lists
        if replaced is None:
            replaced = self.replacing_documents().filter(effective_from__lte=day).exists()
        return Status.EXPIRED if replaced else Status.IN_FORCE

    def replacing_documents(self):
        """The live, public documents that supersede this one."""
        if self.pk is None:  # a new document, previewed
            return LegalDocumentPage.objects.none()
        return LegalDocumentPage.objects.live().public().filter(replacements__replaced=self)

    def replaced_documents(self):
        """The live, public documents this one supersedes; from the form's rows too, so
        that a preview shows them."""
        ids = [row.replaced_id for row in self.replacements.all() if row.replaced_id]
        return LegalDocumentPage.objects.filter(pk__in=ids).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["files"] = list(self.files.all())
        context["replaced"] = list(self.replaced_documents())
        context["replacing"] = list(self.replacing_documents())
        context["document_fields"] = list(self.fields.all())
        context["status"] = self.status()
        return context


class LegalDocumentFile(Orderable):
    """A file of the document (the signed PDF, an annex, a DOCX version), from the unit's
    collection of documents."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(
        _("label"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Annex 1; the file's title if empty."),
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    @property
    def title(self):
        return self.label or self.document.title


class LegalDocumentReplacement(Orderable):
    """A document this one supersedes, chosen with the page chooser (which offers the
    editor only what they may name)."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="replacements")
    replaced = models.ForeignKey(
        LegalDocumentPage,
        verbose_name=_("replaced document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("replaced")]

    class Meta(Orderable.Meta):
        verbose_name = _("replaced document")
        verbose_name_plural = _("replaced documents")
