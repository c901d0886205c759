from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_sameorigin
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_views

from editorial.views import view_beacon
from home import identity
from home.sitemaps import SITEMAPS, sitemap_index
from news.feeds import NewsFeed
from search import views as search_views
from security.passwords import throttle_password_guesses

from .views import robots_txt

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's password forms, with each wrong password counted (security/passwords.py);
    # they come before Wagtail's own patterns for the same paths and names.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        throttle_password_guesses(wagtaildocs_views.authenticate_with_password),
        name="wagtaildocs_authenticate_with_password",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttle_password_guesses(wagtail_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
    # A document may be shown inside the portal's own pages (a legal document's PDF in the
    # browser's viewer), never framed elsewhere: the same origin only.
    path(
        "documents/<int:document_id>/<str:document_filename>",
        xframe_options_sameorigin(wagtaildocs_views.serve),
        name="wagtaildocs_serve",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("tim-kiem/", search_views.search, name="search"),
    path("tim-kiem/goi-y/", search_views.suggestions, name="search_suggestions"),
    path("rss/", NewsFeed(), name="news_feed"),
    path("rss/<slug:unit_slug>/", NewsFeed(), name="unit_news_feed"),
    path(
        "sitemap.xml",
        cache_control(max_age=3600)(sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_control(max_age=3600)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    # The portal's own view counter (editorial/stats.py): no cookie, no tracker.
    path("_luot-xem/<int:page_id>/", view_beacon, name="view_beacon"),
    path("favicon.ico", identity.favicon, name="favicon"),
    path("giao-dien.css", identity.theme_css, name="theme_css"),
]

if getattr(settings, "GOVCMS_SERVE_MEDIA", False):
    # The audit's stand-in for the web server, which serves media in production.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

if settings.DEBUG:
    # Development only: the web server serves static and media files in production.
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving comes last: it matches every remaining path. The Vietnamese pages
# keep their addresses; their English versions are served under /en/.
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
