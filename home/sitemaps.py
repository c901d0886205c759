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


SITEMAPS = {"trang": PortalSitemap}
