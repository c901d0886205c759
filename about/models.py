"""Who a unit is and how to reach it (Decree 42/2022/NĐ-CP): five pages of the same types
under every unit and under the home page (the department itself), so that the compliance
panel can count them the same way everywhere. They are pages of the unit's subtree, so
they go through its approval workflow and stay inside its confinement like news."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from govcms.pages import BasePage, PortalPageQuerySet

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class InformationPage(BasePage):
    """One of a unit's information pages: at most one of each type per unit."""

    # The compliance panel's category this page fills (compliance/report.py).
    information_key = ""

    parent_page_types = ["home.HomePage", "departments.DepartmentPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True


class IntroductionPage(InformationPage):
    information_key = "introduction"

    summary = models.TextField(_("summary"), help_text=_("One or two sentences, shown first."))
    body = RichTextField(_("introduction and history"), features=TEXT_FEATURES)
    founded = models.CharField(
        _("founded"),
        max_length=255,
        blank=True,
        help_text=_("The decision that founded the unit, e.g. Quyết định số 12/QĐ-UBND."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("founded"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    page_description = _("The unit's introduction and history.")

    class Meta:
        verbose_name = _("introduction page")
        verbose_name_plural = _("introduction pages")


class FunctionsPage(InformationPage):
    information_key = "functions"

    position = RichTextField(
        _("position and functions"),
        features=TEXT_FEATURES,
        help_text=_("Where the unit stands and what it is for."),
    )
    duties = RichTextField(_("duties and powers"), features=TEXT_FEATURES)
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=255,
        blank=True,
        help_text=_("The decision that sets these functions and duties."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("legal_basis"),
        FieldPanel("position"),
        FieldPanel("duties"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("position"),
        index.SearchField("duties"),
    ]
    page_description = _("The unit's functions, duties and powers.")

    class Meta:
        verbose_name = _("functions and duties page")
        verbose_name_plural = _("functions and duties pages")


class OrganisationPage(InformationPage):
    information_key = "organisation"

    introduction = models.TextField(_("introduction"), blank=True)
    leadership = models.CharField(
        _("leadership"),
        max_length=255,
        help_text=_("The top of the chart, e.g. Ban Giám đốc."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("leadership"),
        InlinePanel("divisions", heading=_("Divisions"), label=_("Division"), min_num=1),
    ]
    page_description = _("The unit's divisions, their heads and contacts, as a chart.")

    class Meta:
        verbose_name = _("organisation page")
        verbose_name_plural = _("organisation pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["divisions"] = list(self.divisions.all())
        return context


class Division(Orderable):
    page = ParentalKey(OrganisationPage, on_delete=models.CASCADE, related_name="divisions")
    name = models.CharField(_("name"), max_length=255)
    head_name = models.CharField(_("head"), max_length=255, blank=True)
    head_position = models.CharField(_("head's position"), max_length=255, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True, max_length=1000)

    panels = [
        FieldPanel("name"),
        FieldPanel("head_name"),
        FieldPanel("head_position"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("tasks"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("division")
        verbose_name_plural = _("divisions")

    def __str__(self):
        return self.name


class LeadersPage(InformationPage):
    information_key = "leaders"

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        InlinePanel("leaders", heading=_("Leadership"), label=_("Leader"), min_num=1),
    ]
    page_description = _("The unit's leaders, with photo, position and contacts.")

    class Meta:
        verbose_name = _("leaders page")
        verbose_name_plural = _("leaders pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["leaders"] = self.leaders.select_related("photo")
        return context


class Leader(Orderable):
    page = ParentalKey(LeadersPage, on_delete=models.CASCADE, related_name="leaders")
    name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255)
    responsibilities = models.TextField(_("responsibilities"), blank=True, max_length=1000)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("position"),
        FieldPanel("photo"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("responsibilities"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")

    def __str__(self):
        return f"{self.name} ({self.position})"


class ContactPage(InformationPage):
    information_key = "contacts"

    address = models.CharField(_("address"), max_length=255)
    phone = models.CharField(_("telephone"), max_length=50)
    email = models.EmailField(_("email"))
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    working_hours = models.CharField(_("working hours"), max_length=255, blank=True)
    map_url = models.URLField(
        _("map link"),
        help_text=_("A link to the address on a map, e.g. from OpenStreetMap."),
    )
    directions = RichTextField(_("how to get there"), features=TEXT_FEATURES, blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("fax"),
                FieldPanel("working_hours"),
                FieldPanel("map_url"),
            ],
            heading=_("Contact details"),
        ),
        FieldPanel("directions"),
    ]
    page_description = _("How to reach the unit, with a map link.")

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")


INFORMATION_PAGE_TYPES = [
    IntroductionPage,
    FunctionsPage,
    OrganisationPage,
    LeadersPage,
    ContactPage,
]


def information_pages(parent):
    """The live, public information pages under ``parent`` (a unit or the home page), in
    the order of ``INFORMATION_PAGE_TYPES``: one query."""
    order = {model._meta.model_name: rank for rank, model in enumerate(INFORMATION_PAGE_TYPES)}
    pages = (
        PortalPageQuerySet(Page)
        .live()
        .public()
        .child_of(parent)
        .type(*INFORMATION_PAGE_TYPES)
        .select_related("content_type")
        .only("pk", "title", "url_path", "path", "depth", "content_type", "locale")
    )
    return sorted(pages, key=lambda page: order[page.content_type.model])
