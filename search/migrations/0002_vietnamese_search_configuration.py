"""The text search configuration ``govcms_vi``: Wagtail's "simple" one (no stemming, no
stop words), with diacritics folded by ``unaccent`` ("Lễ hội" and "le hoi" give the same
lexemes "le" and "hoi"; "đ" becomes "d").

The search backend (``search.backend``) indexes and queries with it, for the portal's
search and the admin's alike, so the folding happens inside PostgreSQL, once per word.
``unaccent`` ships with PostgreSQL's contributed modules (Debian: postgresql-15); creating
it needs a role that may create extensions. Other databases need nothing.
"""

from django.db import migrations

CONFIG = "govcms_vi"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
    schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG}"
        " ALTER MAPPING FOR word, hword, hword_part WITH unaccent, simple"
    )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index_entry_vector")]

    operations = [migrations.RunPython(create_configuration, drop_configuration)]
