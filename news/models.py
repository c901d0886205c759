from datetime import datetime

from django.core.cache import cache
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, route
from wagtail.fields import StreamField
from wagtail.search import index

from govcms.page_cache import content_version
from govcms.pages import BasePage
from govcms.text import vietnamese_slugify
from govcms.units import unit_of

from .blocks import NewsBodyBlock
from .queries import NewsPageManager, NewsPaginator

NEWS_PER_PAGE = 10
RELATED_NEWS_COUNT = 4
ASIDE_NEWS_COUNT = 5
ARCHIVE_MONTHS_SECONDS = 24 * 60 * 60


def _month_filter(request):
    """The year and month asked for in the query string; a malformed value is a 404."""
    try:
        year = int(request.GET["year"]) if request.GET.get("year") else None
        month = int(request.GET["month"]) if request.GET.get("month") else None
    except ValueError:
        raise Http404 from None
    if year is not None and not 1900 <= year < 9999:
        raise Http404
    if month is not None and (year is None or not 1 <= month <= 12):
        raise Http404
    return year, month


def _period(year, month=None):
    """The start and end (exclusive) of a year, or of a month of it, in local time."""
    if month is None:
        start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
    else:
        start = datetime(year, month, 1)
        end = datetime(year + (month == 12), month % 12 + 1, 1)
    zone = timezone.get_current_timezone()
    return timezone.make_aware(start, zone), timezone.make_aware(end, zone)


def newest_listed_first(*scope, name):
    """An index of the listed articles (of one scope), newest first, as lists read them."""
    return models.Index(
        *scope,
        models.F("date").desc(),
        models.F("page_ptr").desc(),
        condition=models.Q(listed=True),
        name=name,
    )


def topic_url(index, tag):
    """The address of a topic's page in a news list (the list's ``tag`` route)."""
    return f"{index.url}chu-de/{tag.slug}/"


class NewsIndexPage(RoutablePageMixin, BasePage):
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
        return NewsPage.objects.public_news().filter(news_index=self)

    def archive_months(self):
        """The months that have news, newest first, for the archive filter.

        Reading them means reading every article of the list, so they are kept in the cache
        until the next change to the portal's content (govcms/page_cache.py).
        """
        key = f"news-archive-months:{content_version()}:{self.pk}"
        months = cache.get(key)
        if months is None:
            months = list(self.get_news().dates("date", "month", order="DESC"))
            cache.set(key, months, ARCHIVE_MONTHS_SECONDS)
        return months

    def paginate(self, request, news):
        # get_page() falls back to the first or last page on a malformed or
        # out-of-range number instead of failing.
        return NewsPaginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page"))

    @path("")
    def news_list(self, request):
        year, month = _month_filter(request)
        news = self.get_news()
        if year is not None:
            # A range on the date (not EXTRACT), so the list's index serves it.
            start, end = _period(year, month)
            news = news.filter(date__gte=start, date__lt=end)
        news_page = self.paginate(request, news)
        return self.render(
            request,
            context_overrides={
                "news_page": news_page,
                "year": year,
                "month": month,
                "months": range(1, 13),
                "archive": self.archive_months(),
                "canonical": self.list_address(request, news_page.number, year=year, month=month),
            },
        )

    @route(r"^chu-de/([-\w]+)/$", name="tag")
    def news_by_tag(self, request, tag_slug):
        tag = get_object_or_404(NewsTag, slug=tag_slug)
        news = self.get_news().filter(tags=tag)
        news_page = self.paginate(request, news)
        suffix = self.reverse_subpage("tag", args=[tag.slug])
        return self.render(
            request,
            context_overrides={
                "news_page": news_page,
                "tag": tag,
                "canonical": self.list_address(request, news_page.number, suffix),
            },
        )


class NewsTag(TagBase):
    """A topic of the news, with an ASCII slug for its page ("Du lịch" → du-lich)."""

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def slugify(self, tag, i=None):
        slug = vietnamese_slugify(tag) or "chu-de"
        return slug if i is None else f"{slug}-{i}"


class NewsPageTag(ItemBase):
    tag = models.ForeignKey(NewsTag, on_delete=models.CASCADE, related_name="tagged_news")
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(BasePage):
    objects = NewsPageManager()
    # Every article lists the portal's newest news beside it (``aside_news``): a change to
    # any article reaches every article in the HTTP cache (govcms/frontend_cache.py).
    cache_tags_shown = ("latest-news",)

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
    tags = ClusterTaggableManager(
        verbose_name=_("topics"),
        through=NewsPageTag,
        blank=True,
        help_text=_("Topics separated by commas, e.g. Du lịch, Lễ hội."),
    )

    # Where the article is listed, kept in step with the page tree by news/placement.py
    # (on every save, move and view-restriction change), so that each news list reads its
    # rows from one of the indexes below instead of scanning the tree and sorting the lot.
    news_index = models.ForeignKey(
        "news.NewsIndexPage",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    department = models.ForeignKey(
        "departments.DepartmentPage",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Live and not under a view restriction: shown in public lists, feeds and the home page.
    listed = models.BooleanField(default=False, editable=False)

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
        indexes = [
            newest_listed_first("news_index", name="news_listed_by_index"),
            newest_listed_first("department", name="news_listed_by_department"),
            newest_listed_first(name="news_listed_by_date"),
        ]

    @property
    def unit(self):
        """The unit the article belongs to: the nearest unit page above it, if any."""
        return unit_of(self)

    def lead_image_id(self):
        """The first picture of the body, the one the reader sees first (its id)."""
        for block in self.body:
            if block.block_type == "image" and block.value.get("image") is not None:
                return block.value["image"].pk
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index = context["ancestors"][-1]
        context["news_index"] = index
        context["tags"] = [(tag, topic_url(index, tag)) for tag in self.tags.all()]
        context["lead_image_id"] = self.lead_image_id()
        context["related_news"] = (
            NewsPage.objects.public_news()
            .filter(news_index=index)
            .exclude(pk=self.pk)[:RELATED_NEWS_COUNT]
        )
        context["aside_news"] = NewsPage.objects.public_news().exclude(pk=self.pk)[
            :ASIDE_NEWS_COUNT
        ]
        return context

    def get_sitemap_urls(self, request=None):
        return [
            {
                "location": self.get_full_url(request),
                "lastmod": self.last_published_at or self.latest_revision_created_at,
            }
        ]
