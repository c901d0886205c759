import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from departments.confinement import sees_everything
from departments.models import unit_pages, units_of
from govcms.page_cache import content_version

from .report import CATEGORIES, unit_reports
from .signal_handlers import generation

# Every change the panel reads moves the generation on (compliance/signal_handlers.py);
# the time limit bounds what time alone changes (a question becoming late in the hour).
PANEL_CACHE_SECONDS = 10 * 60


# The portal's home page type (home/ is the layer above: named, not imported).
HOME_PAGE_MODEL = "home.HomePage"


class CompliancePanel(Component):
    """The dashboard's first panel: what Decree 42 asks of each unit, and what is missing,
    for the board across all units, for a unit's staff about their own."""

    name = "compliance"
    order = 10
    template_name = "compliance/panel.html"

    def __init__(self, units, whole_portal, department=None, department_name=""):
        self.units = units
        self.whole_portal = whole_portal
        self.department = department
        self.department_name = department_name

    def cache_key(self):
        """The panel as drawn for these units, in this language, today, at this state of
        the pages (every save, publication, move or deletion), questions and review plans.
        Drawing it reads 45 queries and judges 210 checks (70 ms for 20 units); the
        dashboard is every admin user's first screen."""
        scope = "|".join(
            f"{unit.pk}:{unit.path}" for unit in [*self.units, self.department] if unit is not None
        )
        return ":".join(
            (
                "compliance:panel",
                str(generation()),
                str(content_version()),  # moves on with moves and deletions too
                timezone.localdate().isoformat(),
                timezone.get_current_timezone_name(),  # what "days since" counts from
                translation.get_language() or "",
                str(self.whole_portal),
                hashlib.md5(f"{scope}|{self.department_name}".encode()).hexdigest(),
            )
        )

    def render_html(self, parent_context=None):
        key = self.cache_key()
        html = cache.get(key)
        if html is None:
            html = super().render_html(parent_context)
            cache.set(key, html, PANEL_CACHE_SECONDS)
        return html

    def get_context_data(self, parent_context):
        reports = unit_reports(self.units)
        if self.department is not None:
            # The department's own row first: its pages and lists under the home page.
            (department,) = unit_reports([self.department])
            department.name = self.department_name
            reports.insert(0, department)
        return {
            "reports": reports,
            "categories": CATEGORIES,
            "whole_portal": self.whole_portal,
            "heading": _("What Decree 42 asks of each unit"),
        }


@hooks.register("construct_homepage_panels")
def add_compliance_panel(request, panels):
    user = request.user
    whole_portal = sees_everything(user)
    units = unit_pages().order_by("path") if whole_portal else units_of(user).order_by("path")
    units = list(
        units.only(
            "pk",
            "path",
            "depth",
            "title",
            "translation_key",  # the English versions' check
            "introduction",
            "phone",
            "email",
            "address",
        )
    )
    department = None
    if whole_portal:
        department = (
            Page.objects.filter(depth=2, locale__language_code=settings.LANGUAGE_CODE)
            .type(apps.get_model(HOME_PAGE_MODEL))
            .first()
        )
    if units or department:
        name = ""
        if department is not None:
            name = apps.get_model("home", "PortalSettings").for_request(request).owner_name
        panels.insert(0, CompliancePanel(units, whole_portal, department, name))
