from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from govcms.pages import BasePage

from .blocks import NewsBodyBlock

NEWS_PER_PAGE = 10


class NewsIndexPage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage", "departments.DepartmentPage"]
    subpage_types = ["news.NewsPage"]
    page_description = _("A list of news: the portal's own, or one unit's.")

    class Meta:
        verbose_name = _("news list")
        verbose_name_plural = _("news lists")

    def get_news(self):
        return (
            NewsPage.objects.live()
            .public()
            .child_of(self)
            .select_related("featured_image")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # get_page() falls back to the first or last page on a malformed or
        # out-of-range number instead of failing.
        context["news_page"] = Paginator(self.get_news(), NEWS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(BasePage):
    date = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        db_index=True,
        help_text=_("The date shown on the article and used to order the news."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=1000,
        help_text=_("The lead paragraph (sapo) shown under the title and in news lists."),
    )
    body = StreamField(NewsBodyBlock(), verbose_name=_("body"))
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_('Shown as "Nguồn: …", e.g. TTXTDL.')
    )
    author = models.CharField(_("author"), max_length=255, blank=True)
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in news lists and when the article is shared."),
    )
    tags = ClusterTaggableManager(verbose_name=_("topics"), through=NewsPageTag, blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("featured_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("author"), FieldPanel("source"), FieldPanel("tags")],
            heading=_("Publication details"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("source"),
        index.SearchField("author"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    page_description = _("A news article, published after approval.")

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    @property
    def unit(self):
        """The unit the article belongs to: the nearest unit page above it, if any."""
        from departments.models import DepartmentPage

        return DepartmentPage.objects.ancestor_of(self).order_by("-depth").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["unit"] = self.unit
        context["tags"] = self.tags.all()
        return context


def attach_units(news_items):
    """Set ``unit_page`` on each article from one query for all units, not one per article."""
    from departments.models import DepartmentPage

    news_items = list(news_items)
    units = list(DepartmentPage.objects.only("id", "title", "short_name", "path", "url_path"))
    for item in news_items:
        item.unit_page = next((u for u in units if item.path.startswith(u.path)), None)
    return news_items
