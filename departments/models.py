from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from govcms.pages import BasePage

INTRODUCTION_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
LATEST_NEWS_COUNT = 5


class DepartmentPage(BasePage):
    """One unit of the department: its section of the portal and its news."""

    full_name = models.CharField(
        _("full name"),
        max_length=255,
        help_text=_("The official name, e.g. Trung tâm Xúc tiến Du lịch tỉnh Hà Nam."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=30,
        help_text=_("The abbreviation used in sources and group names, e.g. TTXTDL."),
    )
    introduction = RichTextField(
        _("introduction"),
        features=INTRODUCTION_FEATURES,
        blank=True,
        help_text=_("Functions and duties of the unit."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    working_hours = models.CharField(_("working hours"), max_length=255, blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("full_name"),
        FieldPanel("short_name"),
        FieldPanel("introduction"),
        InlinePanel("leaders", heading=_("Leadership"), label=_("Leader")),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("working_hours"),
            ],
            heading=_("Contact details"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("full_name"),
        index.SearchField("short_name"),
        index.SearchField("introduction"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsIndexPage", "home.StandardPage"]
    page_description = _("A unit of the department, with its own news section.")

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def clean(self):
        super().clean()
        clashes = DepartmentPage.objects.filter(short_name__iexact=self.short_name)
        if self.pk:
            clashes = clashes.exclude(pk=self.pk)
        if self.short_name and clashes.exists():
            raise ValidationError({"short_name": _("Another unit already uses this short name.")})

    def get_news_index(self):
        from news.models import NewsIndexPage

        return NewsIndexPage.objects.live().public().child_of(self).first()

    def get_context(self, request, *args, **kwargs):
        from news.models import NewsPage

        context = super().get_context(request, *args, **kwargs)
        context["leaders"] = self.leaders.select_related("photo")
        context["news_index"] = self.get_news_index()
        context["latest_news"] = (
            NewsPage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-date", "-pk")[:LATEST_NEWS_COUNT]
        )
        return context


class DepartmentLeader(Orderable):
    page = ParentalKey(DepartmentPage, on_delete=models.CASCADE, related_name="leaders")
    name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255)
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
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("photo"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")

    def __str__(self):
        return f"{self.name} ({self.position})"
