from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovcmsConfig(AppConfig):
    """The portal's core: the page base classes, the admin page form, the public page cache
    and the editor's safeguards. It imports none of the portal's own apps."""

    name = "govcms"
    verbose_name = _("Portal core")

    def ready(self):
        # Imported here: model-level imports must wait until every app is loaded.
        from django.db import models
        from wagtail.admin import widgets
        from wagtail.admin.forms.models import register_form_field_override

        from . import public_url  # noqa: F401 (registers its system check)
        from .forms import MinuteDateTimeField
        from .signal_handlers import register_signal_handlers
        from .widgets import VietnameseSlugInput

        # Replaces Wagtail's own SlugField override (later registrations win), so every
        # slug field of the admin transliterates Vietnamese.
        register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
        register_form_field_override(
            models.DateTimeField,
            override={"widget": widgets.AdminDateTimeInput, "form_class": MinuteDateTimeField},
        )
        register_signal_handlers()
        label_the_parent_collection()


def label_the_parent_collection():
    """Wagtail labels both the page chooser's parent column and the collection form's
    parent field with the one message "Parent", which Vietnamese says two ways: "Trang cha"
    for a page, "Thư mục cha" for a collection. The collection field gets its own message,
    with a context, so the catalogue can give each its word."""
    from django.utils.translation import pgettext_lazy
    from wagtail.admin.forms.collections import CollectionForm

    CollectionForm.base_fields["parent"].label = pgettext_lazy("collection", "Parent")
