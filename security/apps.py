from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Security")

    def ready(self):
        # Signal handlers import models: only once every app is loaded.
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
