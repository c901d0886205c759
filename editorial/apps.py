from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """Editorial operations around the approval rule: the board's accountable
    force-publish and its review afterwards."""

    name = "editorial"
    verbose_name = _("Editorial operations")
    default_auto_field = "django.db.models.BigAutoField"
