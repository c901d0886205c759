# Shared by backup.sh and restore.sh (sourced, not run): reading DATABASE_URL.
# The sourcing script defines fail(), which prints a message and exits.

url_decode() {
    local text="${1//\\/\\\\}"
    printf '%b' "${text//%/\\x}"
}

# Reads DATABASE_URL into PG_URL, a postgresql:// URL that libpq accepts, DB_NAME, and
# DB_LABEL, a description for messages. The password moves to PGPASSWORD so that it shows
# neither in the process list nor in any message.
#   $1  an example URL for the messages
#   $2  what to say when DATABASE_URL is not PostgreSQL
read_database_url() {
    local example="$1" not_postgres="$2"
    local url="${DATABASE_URL:-}"
    [ -n "$url" ] || fail "DATABASE_URL is not set; expected e.g. $example."
    [[ "$url" == *://* ]] || fail "DATABASE_URL is not a URL; expected e.g. $example."
    local scheme="${url%%://*}"
    case "$scheme" in
        postgres | postgresql | pgsql | postgis) ;;
        *) fail "DATABASE_URL names a '$scheme' database; $not_postgres" ;;
    esac
    local rest="${url#*://}"
    local authority="${rest%%/*}"
    local path="${rest:${#authority}}"
    if [[ "$authority" == *@* ]]; then
        local userinfo="${authority%@*}"
        if [[ "$userinfo" == *:* ]]; then
            PGPASSWORD="$(url_decode "${userinfo#*:}")"
            export PGPASSWORD
            userinfo="${userinfo%%:*}"
        fi
        authority="$userinfo@${authority##*@}"
    fi
    local host="${authority##*@}" name="${path#/}"
    name="${name%%\?*}"
    [ -n "$name" ] || fail "DATABASE_URL names no database; expected e.g. $example."
    PG_URL="postgresql://$authority$path"
    DB_NAME="$(url_decode "$name")"
    DB_LABEL="database '$DB_NAME' on ${host:-the local server}"
}
