#!/usr/bin/env bash
# Set up, create or update the 'nationality' database with demo data, serve Odoo.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
"$REPO_ROOT/scripts/setup.sh"

CONFIG="$LOCAL_DIR/odoo-$DB_NAME.conf"
write_odoo_config "$CONFIG" "$DB_NAME"

if db_exists "$DB_NAME"; then
    if [ ! -d "$DATA_DIR/filestore/$DB_NAME" ]; then
        log "WARNING: the database $DB_NAME exists but its files are not in $DATA_DIR/filestore/$DB_NAME:" \
            "its attachments will be missing. Set DATA_DIR to where they are, or drop the database" \
            "(dropdb -h $DB_HOST -U $DB_USER $DB_NAME) to start afresh."
    fi
    log "Updating the addons in the existing database $DB_NAME"
    odoo_bin -c "$CONFIG" -u "$ADDONS" --stop-after-init --log-level=warn
else
    log "Creating the database $DB_NAME with the addons and their demo data (a few minutes)"
    odoo_bin -c "$CONFIG" -i "$ADDONS" --stop-after-init --log-level=warn --load-language=vi_VN
fi

cat <<MSG

  Nationality dossiers are served on http://localhost:$HTTP_PORT  (Ctrl-C stops)

  Demo logins (password = login):
    admin            administrator
    hn.reception     STP Hà Nội, reception officer
    hn.officer       STP Hà Nội, processing officer
    hn.leader        STP Hà Nội, leader
    hcm.reception    STP TP. Hồ Chí Minh, reception officer
    hcm.officer      STP TP. Hồ Chí Minh, processing officer
    hcm.leader       STP TP. Hồ Chí Minh, leader
    cuc.officer      Cục Hành chính tư pháp, officer
    cuc.leader       Cục Hành chính tư pháp, leader
    citizen          a citizen on the portal (/my/nationality)
    mission.berlin   Đại sứ quán Việt Nam tại Đức: lookups, registry search, integrator API

MSG
exec env PYTHONPATH="$ODOO_PATH" "$VENV/bin/python" "$ODOO_PATH/odoo-bin" -c "$CONFIG" --log-level=info
