"""The portal's public address: one place for every absolute link it gives out.

Canonical links and the sitemap's page addresses come from Wagtail's Site records
(Settings → Sites): a page's ``full_url``. Everything else that writes an absolute
address (robots.txt, the sitemap index, the feeds, the feed link in every page) takes it
from the same record, ``site_root_url``, never from the Host header of the request, so a
portal reached by another name (an internal address, a proxy) still names itself one way.
The system check ``govcms.W001`` warns when the default Site disagrees with PUBLIC_URL.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from wagtail.models import Site


def site_root_url(request):
    """``https://host[:port]`` of the site the request is for (or of the default site)."""
    site = Site.find_for_request(request)
    if site is not None:
        return site.root_url
    return f"{request.scheme}://{request.get_host()}"


def absolute(request, path):
    """``path`` (an address on the portal) as an absolute address on its public host."""
    if not path or urlsplit(path).scheme:
        return path
    return site_root_url(request) + path


@checks.register(checks.Tags.urls)
def public_url_matches_default_site(app_configs, **kwargs):
    """Warn when PUBLIC_URL is set and the default Site's host, port or scheme differ."""
    wanted = getattr(settings, "GOVCMS_PUBLIC_URL", "")
    if not wanted:
        return []
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # no tables yet (before the first migrate)
        return []
    if site is None or site.root_url == wanted.rstrip("/"):
        return []
    return [
        checks.Warning(
            f"The default Site's address is {site.root_url}, but PUBLIC_URL is {wanted}: "
            "canonical links, the sitemap and the feeds would name the portal by the Site's.",
            hint="Set the default Site's host name and port (Settings → Sites) to match "
            "PUBLIC_URL (port 443 for https, 80 for http), or correct PUBLIC_URL.",
            obj=site,
            id="govcms.W001",
        )
    ]
