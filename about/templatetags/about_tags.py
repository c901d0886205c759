from django import template

from ..models import Leader, information_pages

register = template.Library()


@register.inclusion_tag("about/includes/information_navigation.html", takes_context=True)
def information_navigation(context, page):
    """The unit's (or the department's) information pages, beside each of them; the
    page above is the last of the ancestors the page has just read."""
    ancestors = context.get("ancestors")
    owner = ancestors[-1] if ancestors else page.get_parent()
    return {"pages": information_pages(owner), "owner": owner, "current": page}


@register.inclusion_tag("about/includes/unit_information.html")
def unit_information(owner):
    """On a unit's page (or the home page): links to its information pages, and its
    leaders from the published leaders page."""
    pages = information_pages(owner)
    leaders_page = next((page for page in pages if page.content_type.model == "leaderspage"), None)
    leaders = []
    if leaders_page is not None:
        leaders = Leader.objects.filter(page_id=leaders_page.pk).select_related("photo")
    return {"pages": pages, "owner": owner, "leaders": leaders, "leaders_page": leaders_page}
