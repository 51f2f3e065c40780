#!/bin/bash
# Renders the Odoo configuration with the master password taken from the
# environment (never stored in the repository), then hands over to the
# official image's entrypoint.
set -euo pipefail
: "${ODOO_ADMIN_PASSWORD:?ODOO_ADMIN_PASSWORD must be set}"
# The official image's entrypoint passes the database password on the command
# line unquoted: a space would split it and stop the start with an obscure error.
case "${PASSWORD:-}" in
    *[[:space:]]*)
        echo "POSTGRES_PASSWORD must not contain spaces (the odoo image splits it)." >&2
        exit 1
        ;;
esac
escaped=$(printf '%s' "$ODOO_ADMIN_PASSWORD" | sed -e 's/[\\/&|]/\\&/g')
sed "s|__ODOO_ADMIN_PASSWORD__|${escaped}|" /opt/deploy/odoo.conf > "${ODOO_RC:-/tmp/odoo.conf}"
chmod 600 "${ODOO_RC:-/tmp/odoo.conf}"
exec /entrypoint.sh "$@"
