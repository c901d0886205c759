#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a new, empty PostgreSQL database and an
# empty media folder, after checking the backup's SHA-256 sums.
#
#   createdb -h 127.0.0.1 -U postgres -O govcms govcms_restored
#   DATABASE_URL=postgres://govcms@127.0.0.1:5432/govcms_restored MEDIA_ROOT=/srv/govcms/media \
#       scripts/restore.sh /var/backups/govcms/govcms-20260314T020000Z
#
# See docs/backups.md.
set -euo pipefail

project_dir="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
    cat >&2 <<EOF
Usage: $0 [--force] BACKUP_DIR

Restores BACKUP_DIR (made by scripts/backup.sh) into the database named by DATABASE_URL,
which must exist and be empty, and unpacks its media into MEDIA_ROOT
(default: $project_dir/media), which must be empty or missing.

  --force   unpack the media even though MEDIA_ROOT already holds files
            (files of the same name are replaced, other files are kept)
EOF
    exit 2
}

fail() {
    echo "restore: $*" >&2
    exit 1
}

# shellcheck source=scripts/database-url.sh
. "$project_dir/scripts/database-url.sh"

force=false
backup_dir=""
for arg in "$@"; do
    case "$arg" in
        --force) force=true ;;
        -*) usage ;;
        *)
            [ -z "$backup_dir" ] || usage
            backup_dir="$arg"
            ;;
    esac
done
[ -n "$backup_dir" ] || usage
media_root="${MEDIA_ROOT:-$project_dir/media}"

read_database_url "postgres://govcms@127.0.0.1:5432/govcms_restored" \
    "backups can only be restored into PostgreSQL (postgres://...)."
for tool in pg_restore psql tar sha256sum; do
    command -v "$tool" >/dev/null || fail "'$tool' is not installed."
done

# 1. The backup is whole and unaltered.
[ -d "$backup_dir" ] || fail "'$backup_dir' is not a folder."
for file in SHA256SUMS database.dump media.tar.gz; do
    [ -f "$backup_dir/$file" ] || fail "'$backup_dir' holds no $file; it is not a complete backup made by scripts/backup.sh."
done
for file in database.dump media.tar.gz; do
    grep -Eq "^[0-9a-f]{64} [ *]$file\$" "$backup_dir/SHA256SUMS" \
        || fail "SHA256SUMS in '$backup_dir' has no checksum for $file; nothing was restored."
done
echo "Checking the checksums in $backup_dir/SHA256SUMS..."
(cd "$backup_dir" && sha256sum --check --strict --quiet SHA256SUMS) \
    || fail "checksum mismatch: the backup in '$backup_dir' is damaged or was altered; nothing was restored. Use another backup."

# 2. Nothing would be overwritten.
if [ -d "$media_root" ] && [ -n "$(ls -A "$media_root")" ] && ! $force; then
    fail "the media folder '$media_root' is not empty; nothing was restored. Point MEDIA_ROOT at an empty or new folder, or pass --force to unpack over it."
fi
[ ! -e "$media_root" ] || [ -d "$media_root" ] || fail "MEDIA_ROOT '$media_root' is not a folder."

tables="$(psql --dbname="$PG_URL" -XAtq -v ON_ERROR_STOP=1 -c "
    SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\_%'")" \
    || fail "cannot connect to the $DB_LABEL (see the message above). It must exist and be empty; create it with: createdb -O <portal user> '$DB_NAME'"
[ "$tables" = 0 ] \
    || fail "the $DB_LABEL is not empty (it holds $tables tables, views or sequences); nothing was restored. Restore into a new database: createdb -O <portal user> <new name>."

# 3. Restore: the database in one transaction (all or nothing), then the media.
# Owners and grants are left out: the restoring user owns everything, whatever the roles
# of the server the backup came from.
echo "Restoring the $DB_LABEL..."
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$PG_URL" "$backup_dir/database.dump" \
    || fail "pg_restore failed (see the message above); the database was left empty."

echo "Unpacking the media into $media_root..."
mkdir -p "$media_root"
tar --extract --gzip --no-same-owner --file="$backup_dir/media.tar.gz" --directory="$media_root" \
    || fail "unpacking the media into '$media_root' failed (see the message above); the database is restored, the media may be incomplete."

cat <<EOF
Restored $backup_dir into the $DB_LABEL and $media_root.
Next: point the portal at them and run 'manage.py migrate' (it applies nothing when the
code matches the backup), 'manage.py collectstatic --noinput', then restart the portal.
EOF
