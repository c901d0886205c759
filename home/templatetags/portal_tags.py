from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Site

from about.translation import is_translated
from departments.models import DepartmentPage
from govcms.json_ld import json_ld_script
from govcms.public_url import absolute
from home.models import HomePage

register = template.Library()

WEEKDAYS = [
    pgettext_lazy("weekday", "Monday"),
    pgettext_lazy("weekday", "Tuesday"),
    pgettext_lazy("weekday", "Wednesday"),
    pgettext_lazy("weekday", "Thursday"),
    pgettext_lazy("weekday", "Friday"),
    pgettext_lazy("weekday", "Saturday"),
    pgettext_lazy("weekday", "Sunday"),
]


@register.filter
def vi_date(value, with_weekday=True):
    """The Vietnamese way of writing a date: "Thứ Năm, 25/11/2021"."""
    if not value:
        return ""
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    day = value.strftime("%d/%m/%Y")
    if not with_weekday:
        return day
    return f"{WEEKDAYS[value.weekday()]}, {day}"


@register.inclusion_tag("home/includes/unit_navigation.html", takes_context=True)
def unit_navigation(context):
    """The portal's units, for the header: the live unit pages under the portal home."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    units = DepartmentPage.objects.none()
    home = None
    if site is not None:
        root = site.root_page
        if root.content_type_id == ContentType.objects.get_for_model(HomePage).pk:
            home = root
        else:
            # A unit served at its own host name still shows the whole portal's navigation.
            home = HomePage.objects.ancestor_of(root).first()
    if home is not None and translation.get_language() != settings.LANGUAGE_CODE:
        home = home.localized  # the English home, with the units' English versions
    current = context.get("page")
    current_path = getattr(current, "path", "")
    if home is not None and current_path == home.path and context.get("units") is not None:
        units = context["units"]  # the home page has just loaded them
    elif home is not None:
        units = (
            DepartmentPage.objects.live()
            .public()
            .child_of(home)
            .only("id", "title", "short_name", "url_path", "path", "depth")
        )
    links = [
        (
            unit,
            "page"
            if unit.path == current_path
            else "true"
            if current_path.startswith(unit.path)
            else "",
        )
        for unit in units
    ]
    return {
        "home": home,
        "home_current": home is not None and current_path == home.path,
        "links": links,
        "request": request,
    }


@register.simple_tag
def page_numbers(page_obj):
    """The page numbers a list's pagination shows: the first, the last and one either side
    of the current page, with ``Paginator.ELLIPSIS`` for the gaps."""
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """``url`` as an absolute address on the portal's public host (govcms/public_url.py)."""
    request = context.get("request")
    if not url or request is None:
        return url
    return absolute(request, url)


@register.simple_tag(takes_context=True)
def news_article_json_ld(context, image=None):
    """schema.org NewsArticle data for search engines, safe to place in the page."""
    page = context["page"]
    portal = context["settings"]["home"]["PortalSettings"].owner_name
    unit = context.get("unit")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.summary,
        "datePublished": timezone.localtime(page.date).isoformat(),
        "dateModified": timezone.localtime(page.last_published_at or page.date).isoformat(),
        "mainEntityOfPage": page.full_url,
        "inLanguage": "vi",
        "author": (
            {"@type": "Person", "name": page.author}
            if page.author
            else {"@type": "Organization", "name": unit.title if unit else portal}
        ),
        "publisher": {"@type": "Organization", "name": portal},
    }
    if image:
        data["image"] = [absolute_url(context, image.url)]
    return json_ld_script(data)


DESCRIPTION_LENGTH = 160


@register.simple_tag(takes_context=True)
def meta_description(context):
    """A description of the page for search engines: the editor's own, or what the page
    says of itself (summary, introduction), or what it is and whose."""
    page = context.get("page")
    if page is None:
        return ""
    portal = context["settings"]["home"]["PortalSettings"].owner_name
    unit = context.get("unit")
    owner = unit.title if unit is not None and unit.pk != page.pk else portal
    tag = context.get("tag")
    if tag is not None:  # a topic page of a news list
        return _("News on %(topic)s from %(owner)s.") % {"topic": tag.name, "owner": owner}
    for text in (
        page.search_description,
        getattr(page, "summary", ""),
        strip_tags(getattr(page, "introduction", "") or ""),
    ):
        text = " ".join((text or "").split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    if owner == page.title:
        return page.title
    return f"{page.title} – {owner}"


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context):
    """schema.org BreadcrumbList of the page's place in the tree, as the breadcrumb shows."""
    page, request = context.get("page"), context.get("request")
    ancestors = context.get("ancestors") or []
    if page is None or request is None or not ancestors:
        return ""
    trail = [*ancestors, page]
    items = [
        {
            "@type": "ListItem",
            "position": position,
            "name": str(_("Home")) if step.depth == 2 else step.title,
            "item": step.get_full_url(request),
        }
        for position, step in enumerate(trail, start=1)
    ]
    return json_ld_script(
        {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
    )


@register.simple_tag(takes_context=True)
def organization_json_ld(context):
    """schema.org GovernmentOrganization of the body that owns the portal (home page)."""
    request = context.get("request")
    portal = context["settings"]["home"]["PortalSettings"]
    if request is None:
        return ""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": portal.owner_name,
        "url": absolute(request, "/"),
    }
    if portal.address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": portal.address,
            "addressCountry": "VN",
        }
    if portal.phone:
        data["telephone"] = portal.phone
    if portal.email:
        data["email"] = portal.email
    return json_ld_script(data)


# The languages pages come in, and each one's name written in itself.
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def _language_versions(page):
    """The live versions of ``page`` by language code, read once per page shown. Only the
    types the portal translates (about/translation.py) can have any: for the others, no
    query at all."""
    versions = getattr(page, "_language_versions", None)
    if versions is None:
        current = translation.get_language()
        versions = {current: page}
        if is_translated(page):
            versions = {
                version.locale.language_code: version
                for version in page.get_translations(inclusive=True)
                .live()
                .public()
                .select_related("locale")
            } or versions
        page._language_versions = versions
    return versions


@register.simple_tag
def language_alternates(page):
    """hreflang links to each language's version of the page, Vietnamese as the default."""
    versions = _language_versions(page)
    if len(versions) < 2:
        return ""
    links = [
        format_html('<link rel="alternate" hreflang="{}" href="{}">', code, version.full_url)
        for code, version in sorted(versions.items())
    ]
    default = versions.get(settings.LANGUAGE_CODE)
    if default is not None:
        links.append(
            format_html('<link rel="alternate" hreflang="x-default" href="{}">', default.full_url)
        )
    return mark_safe("\n    ".join(links))  # noqa: S308 (each part escaped by format_html)


@register.inclusion_tag("home/includes/language_switch.html")
def language_switch(page):
    """The other language's version of the page, else that language's home page."""
    current = translation.get_language()
    other = "en" if current == settings.LANGUAGE_CODE else settings.LANGUAGE_CODE
    version = _language_versions(page).get(other)
    if version is not None:
        url = version.url
    else:
        with translation.override(other):
            url = reverse("wagtail_serve", args=[""])
    return {"code": other, "name": LANGUAGE_NAMES.get(other, other), "url": url}
