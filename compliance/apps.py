from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Compliance with Decree 42")

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
