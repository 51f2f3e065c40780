#!/usr/bin/env bash
# Set up, build a throw-away database with the three addons and their demo data,
# run the lint gate, then every test with pytest-odoo (HttpCase and tours included).
# Fails on any lint finding, test failure, error or skip.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
"$REPO_ROOT/scripts/setup.sh"

"$REPO_ROOT/scripts/lint.sh"

CONFIG="$LOCAL_DIR/odoo-$TEST_DB_NAME.conf"
HTTP_PORT="${TEST_HTTP_PORT:-8169}" write_odoo_config "$CONFIG" "$TEST_DB_NAME"

log "Creating the throw-away database $TEST_DB_NAME"
PGPASSWORD="$DB_PASSWORD" dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" --if-exists --force "$TEST_DB_NAME"
rm -rf "$DATA_DIR/filestore/$TEST_DB_NAME"
odoo_bin -c "$CONFIG" -i "$ADDONS" --stop-after-init --log-level=warn --load-language=vi_VN \
    || die "Installing the addons failed."

log "Running the tests"
cd "$REPO_ROOT"
PYTHONPATH="$ODOO_PATH" exec "$VENV/bin/python" -m pytest --odoo-config="$CONFIG" --odoo-http \
    -p no:cacheprovider -rfEs "$@" addons tests
