from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from govcms.pages import BasePage
from news.blocks import NewsBodyBlock

LATEST_NEWS_COUNT = 10


class HomePage(BasePage):
    """The portal's home: the latest news of every unit, and the units."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.NewsIndexPage", "departments.DepartmentPage", "home.StandardPage"]
    page_description = _("The portal's home page. There is one per site.")
    max_count = 1

    class Meta:
        verbose_name = _("portal home page")
        verbose_name_plural = _("portal home pages")

    def get_context(self, request, *args, **kwargs):
        from departments.models import DepartmentPage
        from news.models import NewsIndexPage, NewsPage, attach_units

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = attach_units(
            NewsPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("featured_image")
            .order_by("-date", "-pk")[:LATEST_NEWS_COUNT]
        )
        context["units"] = DepartmentPage.objects.live().public().child_of(self)
        context["portal_news_index"] = NewsIndexPage.objects.live().public().child_of(self).first()
        return context


class StandardPage(BasePage):
    """A plain content page: an introduction, a leadership page, a contact page."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(NewsBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "departments.DepartmentPage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    page_description = _("A plain content page, e.g. an introduction or contact page.")

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """What the header and footer say about the body that owns the portal."""

    owner_name = models.CharField(
        _("owning body"),
        max_length=255,
        default="Sở Văn hóa, Thể thao và Du lịch",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    licence = RichTextField(
        _("licence and responsibility"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("E.g. the operating licence and the person responsible for content."),
    )

    panels = [
        FieldPanel("owner_name"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact details"),
        ),
        FieldPanel("licence"),
    ]

    class Meta:
        verbose_name = _("portal settings")
