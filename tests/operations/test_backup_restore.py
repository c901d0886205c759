"""scripts/backup.sh and scripts/restore.sh, run as an operator runs them: a backup of the
test database and media folder, restored into a new database and an empty folder."""

import hashlib
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from home.demo.loader import load_demo
from tests.helpers import ensure_wagtail_roots

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BACKUP = PROJECT_ROOT / "scripts" / "backup.sh"
RESTORE = PROJECT_ROOT / "scripts" / "restore.sh"
DOCUMENT_BYTES = b"%PDF-1.4\n% Ke hoach to chuc Le hoi Chua Huong\n%%EOF\n"

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_dump and pg_restore need PostgreSQL; set DATABASE_URL (CI does)",
)


def _server_params():
    settings = connection.settings_dict
    params = {
        "host": settings["HOST"],
        "port": settings["PORT"],
        "user": settings["USER"],
        "password": settings["PASSWORD"],
    }
    return {key: value for key, value in params.items() if value}


def _database_url(name):
    params = _server_params()
    user = quote(params.get("user", ""), safe="")
    if "password" in params:
        user += ":" + quote(params["password"], safe="")
    credentials = f"{user}@" if user else ""
    port = f":{params['port']}" if "port" in params else ""
    return f"postgres://{credentials}{params.get('host', '')}{port}/{quote(name, safe='')}"


def _run(script, *args, database_url, media_root):
    environment = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root)}
    return subprocess.run(
        [str(script), *map(str, args)],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=60,
    )


def _query(database, sql):
    with psycopg2.connect(dbname=database, **_server_params()) as db, db.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    db.close()
    return rows


def _table_count(database):
    return _query(
        database,
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
    )[0][0]


def _file_digests(root):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in Path(root).rglob("*")
        if path.is_file()
    }


@pytest.fixture
def media_root(settings, tmp_path):
    """The portal's media folder for this test alone."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def portal(media_root):
    """The demo portal with its pictures, plus a document, all committed."""
    ensure_wagtail_roots()
    load_demo()
    get_document_model()(
        title="Kế hoạch tổ chức Lễ hội Chùa Hương",
        file=ContentFile(DOCUMENT_BYTES, name="ke-hoach-le-hoi.pdf"),
    ).save()


@pytest.fixture
def backup(media_root, tmp_path):
    """Backs up the test database and media folder with scripts/backup.sh, when called;
    returns the backup folder."""

    def make_backup():
        destination = tmp_path / "backups"
        destination.mkdir(exist_ok=True)
        result = _run(
            BACKUP,
            destination,
            database_url=_database_url(connection.settings_dict["NAME"]),
            media_root=media_root,
        )
        assert result.returncode == 0, result.stderr
        (folder,) = destination.iterdir()
        return folder

    return make_backup


@pytest.fixture
def new_database():
    """A new, empty database on the test server, dropped afterwards."""
    name = f"govcms_restore_{uuid.uuid4().hex[:12]}"
    server = psycopg2.connect(dbname="postgres", **_server_params())
    server.autocommit = True
    try:
        with server.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        yield name
    finally:
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_restore__brings_back_live_pages_images_and_documents(
    portal, backup, media_root, new_database, tmp_path
):
    folder = backup()
    assert folder.name.startswith("govcms-")
    assert sorted(path.name for path in folder.iterdir()) == [
        "SHA256SUMS",
        "backup-info.txt",
        "database.dump",
        "media.tar.gz",
    ]

    restored_media = tmp_path / "restored-media"
    result = _run(
        RESTORE, folder, database_url=_database_url(new_database), media_root=restored_media
    )
    assert result.returncode == 0, result.stderr

    live_pages = set(Page.objects.live().values_list("title", "url_path"))
    assert len(live_pages) > 10
    assert set(_query(new_database, "SELECT title, url_path FROM wagtailcore_page WHERE live")) == (
        live_pages
    )

    images = set(get_image_model().objects.values_list("title", "file"))
    documents = set(get_document_model().objects.values_list("title", "file"))
    assert images
    assert documents
    assert set(_query(new_database, "SELECT title, file FROM wagtailimages_image")) == images
    assert set(_query(new_database, "SELECT title, file FROM wagtaildocs_document")) == documents

    restored_files = _file_digests(restored_media)
    assert restored_files == _file_digests(media_root)
    for _, file in images | documents:
        assert file in restored_files
    plan = dict(documents)["Kế hoạch tổ chức Lễ hội Chùa Hương"]
    assert (restored_media / plan).read_bytes() == DOCUMENT_BYTES


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_restore__leaves_no_migration_to_apply(backup, new_database, tmp_path):
    ensure_wagtail_roots()
    restored = _run(
        RESTORE, backup(), database_url=_database_url(new_database), media_root=tmp_path / "new"
    )
    assert restored.returncode == 0, restored.stderr

    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check"],
        cwd=PROJECT_ROOT,
        env={
            **os.environ,
            "DATABASE_URL": _database_url(new_database),
            "DJANGO_SETTINGS_MODULE": "govcms.settings.test",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr


@needs_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("damaged", ["database.dump", "media.tar.gz"])
def test_restore__refuses_a_tampered_backup(damaged, backup, new_database, tmp_path):
    ensure_wagtail_roots()
    folder = backup()
    with open(folder / damaged, "r+b") as file:
        file.seek(100)
        byte = file.read(1)
        file.seek(100)
        file.write(bytes([byte[0] ^ 0xFF]))

    restored_media = tmp_path / "restored-media"
    result = _run(
        RESTORE, folder, database_url=_database_url(new_database), media_root=restored_media
    )

    assert result.returncode != 0
    assert "checksum mismatch" in result.stderr
    assert "nothing was restored" in result.stderr
    assert _table_count(new_database) == 0
    assert not restored_media.exists()


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_restore__refuses_a_database_that_is_not_empty(backup, tmp_path):
    ensure_wagtail_roots()
    folder = backup()
    pages_before = list(Page.objects.values_list("pk", "title", "url_path"))

    test_database = connection.settings_dict["NAME"]
    result = _run(
        RESTORE,
        folder,
        database_url=_database_url(test_database),
        media_root=tmp_path / "restored-media",
    )

    assert result.returncode != 0
    assert f"database '{test_database}'" in result.stderr
    assert "is not empty" in result.stderr
    assert list(Page.objects.values_list("pk", "title", "url_path")) == pages_before
    assert not (tmp_path / "restored-media").exists()


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_restore__keeps_a_media_folder_that_is_not_empty_unless_forced(
    backup, media_root, new_database, tmp_path
):
    ensure_wagtail_roots()
    (media_root / "documents").mkdir()
    (media_root / "documents" / "bao-cao.pdf").write_bytes(DOCUMENT_BYTES)
    folder = backup()
    restored_media = tmp_path / "restored-media"
    restored_media.mkdir()
    (restored_media / "ghi-chu.txt").write_text("tệp có sẵn")

    refused = _run(
        RESTORE, folder, database_url=_database_url(new_database), media_root=restored_media
    )
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr
    assert "--force" in refused.stderr
    assert _table_count(new_database) == 0
    assert _file_digests(restored_media).keys() == {"ghi-chu.txt"}

    forced = _run(
        RESTORE,
        "--force",
        folder,
        database_url=_database_url(new_database),
        media_root=restored_media,
    )
    assert forced.returncode == 0, forced.stderr
    assert _table_count(new_database) > 0
    assert (restored_media / "documents" / "bao-cao.pdf").read_bytes() == DOCUMENT_BYTES
    assert (restored_media / "ghi-chu.txt").read_text() == "tệp có sẵn"


def test_backup__refuses_a_sqlite_database(tmp_path):
    media_root = tmp_path / "media"
    media_root.mkdir()
    destination = tmp_path / "backups"
    destination.mkdir()

    result = _run(
        BACKUP,
        destination,
        database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        media_root=media_root,
    )

    assert result.returncode != 0
    assert "only PostgreSQL databases can be backed up" in result.stderr
    assert list(destination.iterdir()) == []
