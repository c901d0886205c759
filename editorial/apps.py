from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """Editorial operations around the approval rule: the board's accountable
    force-publish and its review afterwards; owners and review dates."""

    name = "editorial"
    verbose_name = _("Editorial operations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .reviews import on_publish

        page_published.connect(on_publish, dispatch_uid="editorial_review_plan")
