"""Data built once per worker and copied back into each module that asks for it.

Building the demo portal saves some 75 pages, with their revisions, search entries and
signal handlers: about 6 s. A ``Snapshot`` builds it once in a transaction, copies out the
rows of every table the build changed (PostgreSQL's COPY), and rolls back. A module then
replaces those tables' rows with the copy, inside its own transaction (``rolled_back``),
in a fraction of a second. What the module's tests see is the same data, with the same
ids; the sequences have moved past them, so new rows never collide.

The copy is valid only on the database state it was taken from: a transactional test
(the browser tests) empties every table, and then the snapshot is taken again. The
browser tests' own snapshot (``whole_database``) copies every table instead, and so fits
whatever state a test starts from; it is restored in a committed transaction, for the
live server's thread to read.
"""

import copy
import io

from django.core.cache import caches
from django.db import connection

# The tables whose rows a build is copied back onto: when any of them differs from the
# state the snapshot was taken on (a flush re-creates content types and roots with new
# ids), the copy would not fit.
BASE_TABLES = (
    "django_content_type",
    "auth_permission",
    "wagtailcore_locale",
    "wagtailcore_collection",
    "wagtailcore_page",
    "wagtailcore_site",
    "auth_group",
)


def _checksums(cursor, tables):
    """An md5 of every row of each table, in one query."""
    parts = [
        f"SELECT '{table}', md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
        f'FROM "{table}" t'
        for table in tables
    ]
    cursor.execute(" UNION ALL ".join(parts))
    return dict(cursor.fetchall())


def _columns(cursor, table):
    """The columns COPY can write: generated columns are computed by PostgreSQL."""
    cursor.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s AND is_generated = 'NEVER' "
        "ORDER BY ordinal_position",
        [table],
    )
    return ", ".join(f'"{name}"' for (name,) in cursor.fetchall())


# Django's record of applied migrations: no test changes it, and flushes leave it alone.
KEPT_TABLES = {"django_migrations"}


class Snapshot:
    def __init__(self, build, whole_database=False):
        self.build = build
        self.whole_database = whole_database
        self.all_tables = []
        self.base = None
        self.tables = {}
        self.value = None

    def _take(self, cursor):
        tables = [
            table
            for table in connection.introspection.table_names(cursor)
            if table not in KEPT_TABLES
        ]
        self.all_tables = tables
        before = _checksums(cursor, tables)
        self.value = self.build()
        after = _checksums(cursor, tables)
        self.base = {table: before[table] for table in BASE_TABLES}
        self.tables = {}
        for table in tables:
            if after[table] == before[table] and not self.whole_database:
                continue
            columns = _columns(cursor, table)
            rows = io.BytesIO()
            cursor.copy_expert(f'COPY "{table}" ({columns}) TO STDOUT', rows)
            if rows.getvalue() or not self.whole_database:
                self.tables[table] = (columns, rows.getvalue())

    def restore(self):
        """Inside a transaction (``rolled_back``): the built rows, taken first if need
        be. Returns a copy of what the build returned: objects a module changes in memory
        stay in that module."""
        if connection.vendor != "postgresql":
            return self.build()  # COPY is PostgreSQL's: elsewhere the data is built each time
        with connection.cursor() as cursor:
            stale = self.base is None or (
                not self.whole_database and _checksums(cursor, BASE_TABLES) != self.base
            )
            if stale:
                # Taken in a savepoint of the caller's transaction, then undone, so the
                # copy below starts from the same state as any later module's.
                sid = connection.savepoint()
                self._take(cursor)
                connection.savepoint_rollback(sid)
            if self.whole_database:
                for table in self.all_tables:
                    cursor.execute(f'DELETE FROM "{table}"')
            for table, (columns, rows) in self.tables.items():
                cursor.execute(f'DELETE FROM "{table}"')
                cursor.copy_expert(f'COPY "{table}" ({columns}) FROM STDIN', io.BytesIO(rows))
            # The copied rows' deferred foreign-key checks, now rather than at the end of
            # the first test that runs a constraint check (under its statement timeout).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        # Wagtail keeps site root paths in the cache: they belong to the rows just replaced.
        for cache in caches.all():
            cache.clear()
        return copy.deepcopy(self.value)
