from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Portal home")

    def ready(self):
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from govcms.widgets import VietnameseSlugInput

        # Replaces Wagtail's own SlugField override (later registrations win), so every
        # slug field of the admin transliterates Vietnamese.
        register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})

        from govcms.page_cache import register_signal_handlers

        register_signal_handlers()
