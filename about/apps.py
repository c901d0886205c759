from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AboutConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "about"
    verbose_name = _("Unit information")

    def ready(self):
        from . import translation  # noqa: F401  (its admin hooks)
