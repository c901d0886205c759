#!/usr/bin/env bash
# Installs the Debian packages the test suite needs: Chromium for the browser tests
# (Playwright drives it and never downloads a browser of its own), gettext, whose
# msgfmt checks the translation catalogues, Java for the Nu Html Checker (npm's vnu-jar,
# which validates the public pages' HTML), the RUM index access method for each
# local PostgreSQL server (postgresql-NN-rum: search ranks inside the index, see
# docs/performance.md), and Varnish and nginx, which the cluster tests and `make bench`
# run from deploy/ (the same files production runs, docs/deployment.md), with OpenSSL
# for the test certificate and systemd-analyze, which checks the units in deploy/systemd.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[ -x /usr/sbin/varnishd ] || missing+=(varnish)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
for server in /usr/lib/postgresql/*/bin/postgres; do
    [ -e "$server" ] || continue
    version="$(basename "$(dirname "$(dirname "$server")")")"
    [ -e "/usr/lib/postgresql/$version/lib/rum.so" ] || missing+=("postgresql-$version-rum")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "Missing ${missing[*]} and this user cannot install them: run 'apt-get install ${missing[*]}' as root." >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
