"""A RUM index over each entry's words, so that the portal's search ranks inside the index.

A GIN index finds the matching entries but keeps no word positions: ranking a query as
common as "lễ hội" read every matching entry's vector from the table (tens of thousands
at 100,000 articles) before the first ten results could be shown. RUM keeps the
positions and the weights in the index and returns the entries already ordered by
``vector <=> query`` (docs/performance.md has the plans). It also answers ``@@``, so it
replaces the GIN index of migration 0001.

RUM comes from Debian's postgresql-NN-rum (scripts/install-system-packages.sh). Where the
server lacks it, the GIN index stays and search ranks the slower way (search.engine).
"""

from django.db import migrations

RUM_INDEX = "search_entry_rank"
GIN_INDEX = "search_entry_title_body"


def rum_available(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        return cursor.fetchone() is not None


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql" or not rum_available(schema_editor):
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {RUM_INDEX} ON wagtailsearch_indexentry"
        ' USING rum (("title" || "body") rum_tsvector_ops)'
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON wagtailsearch_indexentry"
        ' USING GIN (("title" || "body"))'
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_vietnamese_search_configuration")]

    operations = [migrations.RunPython(create_index, drop_index)]
