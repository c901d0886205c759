"""The portal's identity on every page: its icon at /favicon.ico and its colour as a small
style sheet, both from the portal settings (Settings → Portal settings)."""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .models import PortalSettings

ICON_FILTER = "fill-32x32|format-png"


@require_GET
@cache_control(max_age=24 * 3600)
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page says: the settings' icon, or
    the portal's default."""
    icon = PortalSettings.for_request(request).icon
    if icon is not None:
        return redirect(icon.get_rendition(ICON_FILTER).url)
    return redirect(static("govcms/favicon.png"))


def darker(colour, share=0.25):
    """``colour`` (#rrggbb) darkened by ``share``, for hover and borders."""
    channels = [int(colour[index : index + 2], 16) for index in (1, 3, 5)]
    return "#" + "".join(f"{round(value * (1 - share)):02x}" for value in channels)


@require_GET
@cache_control(max_age=365 * 24 * 3600, public=True)
def theme_css(request):
    """The settings' colour as the CSS custom properties that the compiled style sheet
    (scripts/build_css.py) uses wherever USWDS has its primary colours. The address
    carries a version of the colour (``?v=``), so a changed colour is a new address and
    may be cached for long."""
    settings = PortalSettings.for_request(request)
    css = (
        ":root{"
        f"--colour-brand:{settings.brand_colour};"
        f"--colour-brand-dark:{darker(settings.brand_colour)};"
        f"--colour-brand-darker:{darker(settings.brand_colour, 0.5)};"
        "}\n"
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")
