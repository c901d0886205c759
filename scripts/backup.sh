#!/usr/bin/env bash
# Backs up the portal: its PostgreSQL database and its media folder (uploaded images and
# documents), with SHA-256 sums that scripts/restore.sh checks before restoring anything.
#
#   DATABASE_URL=postgres://govcms@127.0.0.1:5432/govcms MEDIA_ROOT=/srv/govcms/media \
#       scripts/backup.sh /var/backups/govcms
#
# Writes DEST_DIR/govcms-<UTC time>/ holding database.dump, media.tar.gz, backup-info.txt
# and SHA256SUMS. See docs/backups.md.
set -euo pipefail

project_dir="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
    cat >&2 <<EOF
Usage: $0 DEST_DIR

Backs up the database named by DATABASE_URL (PostgreSQL only) and the media folder
MEDIA_ROOT (default: $project_dir/media) into a new folder inside DEST_DIR.
EOF
    exit 2
}

fail() {
    echo "backup: $*" >&2
    exit 1
}

# shellcheck source=scripts/database-url.sh
. "$project_dir/scripts/database-url.sh"

[ $# -eq 1 ] || usage
case "$1" in -*) usage ;; esac
dest_dir="$1"
media_root="${MEDIA_ROOT:-$project_dir/media}"

read_database_url "postgres://govcms@127.0.0.1:5432/govcms" \
    "only PostgreSQL databases can be backed up with this script (postgres://...). For a SQLite development database, copy db.sqlite3 while the site is stopped."
[ -d "$dest_dir" ] || fail "the destination folder '$dest_dir' does not exist; create it first (mkdir -p '$dest_dir')."
[ -d "$media_root" ] || fail "the media folder '$media_root' does not exist; set MEDIA_ROOT to the folder the portal keeps its uploads in."
for tool in pg_dump psql tar sha256sum; do
    command -v "$tool" >/dev/null || fail "'$tool' is not installed."
done

# Backups hold password hashes and unpublished drafts: readable by their owner only.
umask 077
name="govcms-$(date -u +%Y%m%dT%H%M%SZ)"
target="$dest_dir/$name"
work="$dest_dir/.$name.partial"
[ ! -e "$target" ] || fail "'$target' already exists; wait a second and try again."
mkdir "$work"
# A backup that stops half-way leaves nothing that could pass for a complete one.
trap 'rm -rf "$work"' EXIT

echo "Dumping the $DB_LABEL..."
pg_dump --format=custom --dbname="$PG_URL" --file="$work/database.dump" \
    || fail "pg_dump failed (see the message above); no backup was written."

# After the dump, so that every file the dumped rows refer to is already on disk.
echo "Archiving the media folder $media_root..."
tar --create --gzip --file="$work/media.tar.gz" --directory="$media_root" . \
    || fail "archiving '$media_root' failed (see the message above); no backup was written."

{
    echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "source: $DB_LABEL"
    echo "media: $(find "$media_root" -type f | wc -l) files from $media_root"
    echo "pg_dump: $(pg_dump --version)"
    echo "last migration of each app (restore with code at these migrations):"
    psql --dbname="$PG_URL" -XAtq -v ON_ERROR_STOP=1 -F ' ' \
        -c "SELECT '  ' || app, max(name) FROM django_migrations GROUP BY app ORDER BY app"
} >"$work/backup-info.txt"

(cd "$work" && sha256sum database.dump media.tar.gz backup-info.txt >SHA256SUMS)
mv "$work" "$target"
trap - EXIT

echo "Backup written to $target"
