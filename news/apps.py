from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        # Signal handlers import models: only once every app is loaded.
        from .placement import register_signal_handlers

        register_signal_handlers()
