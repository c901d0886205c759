from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DepartmentsConfig(AppConfig):
    name = "departments"
    verbose_name = _("Units")

    def ready(self):
        # Signal handlers import models: only once every app is loaded.
        from .bulk_actions import confine_bulk_actions
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        confine_bulk_actions()
