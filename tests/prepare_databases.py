"""Makes the test databases of pytest's workers before the suite starts (make test).

Migrating a database takes about 18 s of one core, and each pytest-xdist worker would
migrate its own at the start, both cores busy and no test running. Instead the first one
is migrated once, while `make checks` runs on the other core, and the others are copied
from it (PostgreSQL's CREATE DATABASE … TEMPLATE, about a second). pytest then runs with
``--reuse-db --no-migrations`` and finds them ready: without ``--no-migrations`` each
worker would still spend some 15 s computing the migrations' state only to find nothing
to apply. Every run makes them afresh, so nothing is left over from an earlier run. On
SQLite there is nothing to do: pytest makes its own.

Usage: python tests/prepare_databases.py WORKERS
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govcms.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402


def main(workers):
    if connection.vendor != "postgresql":
        return
    settings = connection.settings_dict
    base = settings["TEST"].get("NAME") or f"test_{settings['NAME']}"
    # One per pytest-xdist worker, and the one a run without workers uses.
    names = [f"{base}_gw{number}" for number in range(workers)] + [base]
    with connection._nodb_cursor() as cursor:
        for name in names:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{names[0]}"')
    connection.close()
    connection.settings_dict["NAME"] = names[0]
    call_command("migrate", verbosity=0, interactive=False, skip_checks=True)
    connection.close()
    with connection._nodb_cursor() as cursor:
        for name in names[1:]:
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{names[0]}"')
    print(f"test databases ready: {', '.join(names)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
