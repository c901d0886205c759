from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import http_date
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from govcms.public_url import absolute

# Each sitemap file lists at most this many pages, so that no response (and no worker's
# memory) holds the whole portal; /sitemap.xml is the index of those files.
SITEMAP_PAGE_SIZE = 5000


class PortalSitemap(Sitemap):
    limit = SITEMAP_PAGE_SIZE

    def pages(self):
        """The live, public pages of the site and of its translations (the English
        versions under /en/): Wagtail's own sitemap lists the site's root tree only."""
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_root = Q(pk__in=[])
        for path in roots.values_list("path", flat=True):
            under_a_root |= Q(path__startswith=path)
        return Page.objects.filter(under_a_root).live().public()

    def items(self):
        return (
            self.pages()
            .order_by("path")
            .defer_streamfields()
            .specific()
            .only(
                "id", "path", "depth", "url_path", "last_published_at", "latest_revision_created_at"
            )
        )

    def get_latest_lastmod(self):
        """The newest change, for the sitemap index, from one aggregate: Django's default
        loads every page of the portal to find it."""
        return self.pages().aggregate(
            latest=Max(Coalesce("last_published_at", "latest_revision_created_at"))
        )["latest"]


SITEMAPS = {"trang": PortalSitemap}


def sitemap_index(request, sitemaps, sitemap_url_name):
    """/sitemap.xml: the sitemap files, named on the portal's public host like the pages
    they list (Django's own index names them on the host of the request)."""
    items, newest = [], None
    for section, sitemap_class in sitemaps.items():
        sitemap = sitemap_class(request)
        location = absolute(request, reverse(sitemap_url_name, kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        items.append(SitemapIndexItem(location, lastmod))
        items.extend(
            SitemapIndexItem(f"{location}?p={number}", lastmod)
            for number in range(2, sitemap.paginator.num_pages + 1)
        )
        if lastmod and (newest is None or lastmod > newest):
            newest = lastmod
    response = TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )
    if newest:
        response.headers["Last-Modified"] = http_date(newest.timestamp())
    return response
