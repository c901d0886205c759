from django.db.models import Max
from django.db.models.functions import Coalesce
from wagtail.contrib.sitemaps import Sitemap

# Each sitemap file lists at most this many pages, so that no response (and no worker's
# memory) holds the whole portal; /sitemap.xml is the index of those files.
SITEMAP_PAGE_SIZE = 5000


class PortalSitemap(Sitemap):
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return (
            super()
            .items()
            .only(
                "id", "path", "depth", "url_path", "last_published_at", "latest_revision_created_at"
            )
        )

    def get_latest_lastmod(self):
        """The newest change, for the sitemap index, from one aggregate: Django's default
        loads every page of the portal to find it."""
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live().public()
        return pages.aggregate(
            latest=Max(Coalesce("last_published_at", "latest_revision_created_at"))
        )["latest"]


SITEMAPS = {"trang": PortalSitemap}
