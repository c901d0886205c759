import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from departments.models import SECTION_PAGE_TYPES, DepartmentPage
from govcms.pages import BasePage, in_default_language
from news.blocks import NewsBodyBlock
from news.models import NewsIndexPage, NewsPage
from news.queries import attach_units

LATEST_NEWS_COUNT = 10
UNIT_NEWS_COUNT = 3
FEATURED_NEWS_MAX = 5


class HomePage(BasePage):
    """The portal's home: featured news, the latest news of every unit, and the units."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        InlinePanel(
            "featured_news",
            heading=_("Featured news"),
            label=_("Featured article"),
            max_num=FEATURED_NEWS_MAX,
            help_text=_("Chosen by the portal board; shown first on the home page."),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["departments.DepartmentPage", *SECTION_PAGE_TYPES]
    page_description = _("The portal's home page. There is one per site.")
    max_count = 1

    class Meta:
        verbose_name = _("portal home page")
        verbose_name_plural = _("portal home pages")

    def route(self, request, path_components):
        """Find the page a path names in one query on ``url_path``.

        Wagtail's own routing walks the tree a level at a time, two queries per path
        component. The deepest page whose URL path starts the requested path is found at
        once; what remains of the path (a topic page of a news list, say) is left to that
        page's own routing.
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            f"{self.url_path}{'/'.join(path_components[:length])}/"
            for length in range(1, len(path_components) + 1)
        ]
        deepest = (
            Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)
            .order_by("-depth")
            .specific()
            .first()
        )
        if deepest is None:
            raise Http404
        return deepest.route(request, path_components[deepest.depth - self.depth :])

    def get_template(self, request, *args, **kwargs):
        if not in_default_language():
            return "home/home_page_translated.html"
        return super().get_template(request, *args, **kwargs)

    def get_featured_news(self):
        chosen = self.featured_news.values_list("news_id", flat=True)
        featured = {
            item.pk: item for item in NewsPage.objects.public_news().filter(pk__in=list(chosen))
        }
        return [featured[pk] for pk in chosen if pk in featured]

    def get_context(self, request, *args, **kwargs):
        """The lead story (the board's first choice, else the newest article), the rest of
        the board's choices, the latest news, and each unit's newest articles: no article
        twice on the page."""
        context = super().get_context(request, *args, **kwargs)
        units = list(DepartmentPage.objects.live().public().child_of(self))
        if not in_default_language():
            # A translated home (English) carries the units' versions, not the news.
            context["units"] = units
            return context
        featured = self.get_featured_news()
        shown = {item.pk for item in featured}
        newest = list(
            NewsPage.objects.public_news()
            .filter(path__startswith=self.path)
            .exclude(pk__in=shown)[: LATEST_NEWS_COUNT + 1]
        )
        lead = featured[0] if featured else (newest.pop(0) if newest else None)
        latest = attach_units(newest[:LATEST_NEWS_COUNT], units)
        shown |= {item.pk for item in [lead, *latest] if item is not None}
        # Each unit's newest articles that are not on the page already.
        news_by_unit = NewsPage.objects.latest_by_unit(units, UNIT_NEWS_COUNT + len(shown))
        context.update(
            lead=attach_units([lead], units)[0] if lead else None,
            featured_news=featured[1:],
            latest_news=latest,
            unit_blocks=[
                (
                    unit,
                    [item for item in news_by_unit[unit.pk] if item.pk not in shown][
                        :UNIT_NEWS_COUNT
                    ],
                )
                for unit in units
            ],
            units=units,
            portal_news_index=NewsIndexPage.objects.live().public().child_of(self).first(),
        )
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


class HomePageFeaturedNews(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_news")
    news = models.ForeignKey(
        "news.NewsPage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("news")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured article")
        verbose_name_plural = _("featured news")


MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text


def contrast_with_white(colour):
    """WCAG contrast ratio of white against ``colour`` (#rrggbb)."""

    def linear(channel):
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[index : index + 2], 16)) for index in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Who the portal is: its owner, emblem, icon and colour, and the lines a Vietnamese
    state portal carries in its footer (governing agency, person responsible, licence)."""

    owner_name = models.CharField(
        _("owning body"),
        max_length=255,
        default="Sở Văn hóa, Thể thao và Du lịch",
    )
    governing_agency = models.CharField(
        _("governing agency"),
        max_length=255,
        blank=True,
        help_text=_("The body above the portal's, e.g. the provincial People's Committee."),
    )
    responsible_person = models.CharField(
        _("person responsible"),
        max_length=255,
        blank=True,
        help_text=_("Name and position of the person responsible for the portal's content."),
    )
    licence_number = models.CharField(
        _("licence or decision"),
        max_length=255,
        blank=True,
        help_text=_("The number and date of the licence or decision the portal runs under."),
    )
    emblem = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("emblem or logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the header, beside the portal's name."),
    )
    icon = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("icon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A square picture of at least 512 × 512 pixels: the browser tab's icon and the "
            "icons of phones' home screens are made from it."
        ),
    )
    brand_colour = models.CharField(
        _("main colour"),
        max_length=7,
        default="#8a1c1c",
        validators=[
            RegexValidator(
                r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hexadecimal digits.")
            )
        ],
        help_text=_(
            "The colour of the header and the links, e.g. #8a1c1c. White text on it must "
            "stay readable (a contrast of at least 4.5:1)."
        ),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    # The same lines on the English pages (/en/); empty ones show the Vietnamese.
    english_owner_name = models.CharField(_("owning body in English"), max_length=255, blank=True)
    english_governing_agency = models.CharField(
        _("governing agency in English"), max_length=255, blank=True
    )
    english_address = models.CharField(_("address in English"), max_length=255, blank=True)
    licence = RichTextField(
        _("other footer lines"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("E.g. how the portal's information may be republished."),
    )

    # Every public page shows the emblem and the icon: loaded with the settings, in one query.
    select_related = ["emblem", "icon"]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("owner_name"),
                FieldPanel("emblem"),
                FieldPanel("icon"),
                FieldPanel("brand_colour"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("governing_agency"),
                FieldPanel("responsible_person"),
                FieldPanel("licence_number"),
            ],
            heading=_("Responsibility"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact details"),
        ),
        FieldPanel("licence"),
        MultiFieldPanel(
            [
                FieldPanel("english_owner_name"),
                FieldPanel("english_governing_agency"),
                FieldPanel("english_address"),
            ],
            heading=_("English versions"),
        ),
    ]

    def _in_language(self, name):
        if translation.get_language() == "en":
            return getattr(self, f"english_{name}") or getattr(self, name)
        return getattr(self, name)

    @property
    def shown_owner_name(self):
        """The owner's name in the language of the page being shown."""
        return self._in_language("owner_name")

    @property
    def shown_governing_agency(self):
        return self._in_language("governing_agency")

    @property
    def shown_address(self):
        return self._in_language("address")

    def clean(self):
        super().clean()
        if re.fullmatch(r"#[0-9a-fA-F]{6}", self.brand_colour or ""):
            ratio = contrast_with_white(self.brand_colour)
            if ratio < MIN_CONTRAST:
                raise ValidationError(
                    {
                        "brand_colour": _(
                            "White text on this colour is hard to read (contrast %(ratio)s:1, "
                            "at least 4.5:1 is needed). Choose a darker colour."
                        )
                        % {"ratio": f"{ratio:.1f}".replace(".", ",")}
                    }
                )

    class Meta:
        verbose_name = _("portal settings")
