#!/usr/bin/env bash
# Shared settings for the setup, run, test and lint scripts. Source it.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_PATH="${ODOO_PATH:-/opt/odoo}"
ODOO_GIT_URL="${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}"
VENV="${VENV:-$REPO_ROOT/.venv}"
LOCAL_DIR="$REPO_ROOT/.local"
# Odoo's file store belongs with the databases, which every checkout on this
# machine shares (one PostgreSQL server): it lives outside the checkout.
DATA_DIR="${DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/nationality-odoo}"
PYTHON_BIN="${PYTHON_BIN:-python3}"

DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-5432}"
DB_USER="${DB_USER:-odoo}"
DB_PASSWORD="${DB_PASSWORD:-odoo}"
DB_NAME="${DB_NAME:-nationality}"
TEST_DB_NAME="${TEST_DB_NAME:-nationality_test}"
HTTP_PORT="${HTTP_PORT:-8069}"

ADDONS="nationality_dossier,nationality_portal,nationality_exchange"
ADDONS_PATH="$ODOO_PATH/addons,$ODOO_PATH/odoo/addons,$REPO_ROOT/addons"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

# Writes an Odoo configuration file for one database.
write_odoo_config() {
    local path="$1" db="$2"
    mkdir -p "$(dirname "$path")"
    cat >"$path" <<CFG
[options]
addons_path = $ADDONS_PATH
data_dir = $DATA_DIR
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = $DB_PASSWORD
db_name = $db
dbfilter = ^$db\$
list_db = False
http_interface = 127.0.0.1
http_port = $HTTP_PORT
admin_passwd = ${ODOO_ADMIN_PASSWORD:-admin}
unaccent = True
without_demo = False
CFG
}

odoo_bin() {
    PYTHONPATH="$ODOO_PATH${PYTHONPATH:+:$PYTHONPATH}" "$VENV/bin/python" "$ODOO_PATH/odoo-bin" "$@"
}

psql_admin() {
    # The superuser connection used only to create the Odoo role.
    psql -h "$DB_HOST" -p "$DB_PORT" -U "${PGSUPERUSER:-postgres}" -d postgres -tAc "$1"
}

db_exists() {
    PGPASSWORD="$DB_PASSWORD" psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1
}
