from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from departments.confinement import sees_everything
from departments.models import unit_pages, units_of

from .report import CATEGORIES, unit_reports


class CompliancePanel(Component):
    """The dashboard's first panel: what Decree 42 asks of each unit, and what is missing,
    for the board across all units, for a unit's staff about their own."""

    name = "compliance"
    order = 10
    template_name = "compliance/panel.html"

    def __init__(self, units, whole_portal):
        self.units = units
        self.whole_portal = whole_portal

    def get_context_data(self, parent_context):
        reports = unit_reports(self.units)
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
        units.only("pk", "path", "depth", "title", "introduction", "phone", "email", "address")
    )
    if units:
        panels.insert(0, CompliancePanel(units, whole_portal))
