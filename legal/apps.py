from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = _("Legal documents")

    def ready(self):
        # Signal handlers import models: only once every app is loaded.
        from .lists import register_signal_handlers

        register_signal_handlers()
