#!/usr/bin/env bash
# Export each addon's terms from a database that has the three addons at the
# current code, refresh i18n/<addon>.pot and merge i18n/vi.po (translations
# kept; new terms listed). Usage: scripts/i18n_update.sh [database]
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
db="${1:-$DB_NAME}"
config="$LOCAL_DIR/i18n-$db.conf"
write_odoo_config "$config" "$db"
status=0
for addon in ${ADDONS//,/ }; do
    pot="$REPO_ROOT/addons/$addon/i18n/$addon.pot"
    odoo_bin -c "$config" -d "$db" --i18n-export="$pot" --modules="$addon" --stop-after-init --log-level=warn
    "$VENV/bin/python" "$REPO_ROOT/scripts/i18n_merge.py" "$pot" "$REPO_ROOT/addons/$addon/i18n/vi.po" || status=1
    "$VENV/bin/oca-checks-po" --fix --disable=po-pretty-format "$pot" \
        "$REPO_ROOT/addons/$addon/i18n/vi.po" >/dev/null || true
done
exit $status
