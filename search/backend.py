"""The portal's search backend: Wagtail's database backend, with Vietnamese folded.

On PostgreSQL the index and every query use the text search configuration ``govcms_vi``
(migration 0002): "simple" plus ``unaccent``, so "Lễ hội", "lễ hội" and "le hoi" are the
same words for the portal's search, the admin's page search and the choosers, and each
text is indexed once. Wagtail fixes its autocomplete configuration to "simple"; here the
autocomplete (title suggestions in the choosers) folds too.

Elsewhere (SQLite for a first local run) this is Wagtail's own database backend: its
full-text tables fold most marks but not "đ".
"""

from django.db import connection
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend

from govcms.text import SEARCH_CONFIG


class PortalPostgresSearchBackend(PostgresSearchBackend):
    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": SEARCH_CONFIG, **params})
        self.autocomplete_config = self.config


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    if connection.vendor == "postgresql":
        return PortalPostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
