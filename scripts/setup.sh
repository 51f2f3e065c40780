#!/usr/bin/env bash
# Idempotent setup: Odoo source, system packages, PostgreSQL role, virtualenv.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"

ensure_odoo() {
    if [ -f "$ODOO_PATH/odoo-bin" ]; then
        return
    fi
    log "Odoo 18.0 not found at $ODOO_PATH; cloning the upstream 18.0 branch"
    if git clone --depth 1 --branch 18.0 "$ODOO_GIT_URL" "$ODOO_PATH" >&2; then
        return
    fi
    die "Odoo 18.0 Community is needed at ODOO_PATH=$ODOO_PATH (a directory containing odoo-bin).
       The clone of $ODOO_GIT_URL failed. Put an Odoo 18.0 source tree there, e.g.
         git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git $ODOO_PATH
       or set ODOO_PATH to where it already is."
}

ensure_system_packages() {
    local missing=()
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
        || command -v google-chrome >/dev/null 2>&1 || missing+=(chromium)
    command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
    command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
    [ ${#missing[@]} -eq 0 ] && return
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "Missing system packages: ${missing[*]}. Install them (apt-get install ${missing[*]})."
        sudo="sudo"
    fi
    command -v apt-get >/dev/null 2>&1 || die "Missing system packages: ${missing[*]}; install them with your package manager."
    log "Installing system packages: ${missing[*]}"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2 \
        || { $sudo apt-get update >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2; } \
        || die "Could not install ${missing[*]}."
}

ensure_postgres() {
    if ! pg_isready -h "$DB_HOST" -p "$DB_PORT" -q; then
        if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
            local version
            version="$(ls /etc/postgresql | sort -V | tail -n1)"
            log "PostgreSQL is not answering on $DB_HOST:$DB_PORT; starting the local cluster $version/main"
            pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
            for _ in $(seq 1 20); do pg_isready -h "$DB_HOST" -p "$DB_PORT" -q && break; sleep 1; done
        fi
        pg_isready -h "$DB_HOST" -p "$DB_PORT" -q || die "PostgreSQL does not answer on $DB_HOST:$DB_PORT and no local cluster could be started.
       Install and start PostgreSQL 13+ (apt-get install postgresql), or set DB_HOST/DB_PORT/DB_USER/DB_PASSWORD."
    fi
    # Odoo refuses to connect as 'postgres'; it needs its own role able to create
    # databases and the pg_trgm/unaccent extensions.
    if ! PGPASSWORD="$DB_PASSWORD" psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc "SELECT 1" >/dev/null 2>&1; then
        log "Creating the PostgreSQL role $DB_USER"
        local create_role="CREATE ROLE \"$DB_USER\" LOGIN SUPERUSER PASSWORD '$DB_PASSWORD'"
        # Over TCP as 'postgres' (trust auth), else through the local socket as
        # the 'postgres' system user (Debian's default peer authentication).
        psql_admin "$create_role" >/dev/null 2>&1 \
            || { [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null 2>&1 \
                 && runuser -u postgres -- psql -d postgres -tAc "$create_role" >/dev/null 2>&1; } \
            || { command -v sudo >/dev/null 2>&1 && sudo -n -u postgres psql -d postgres -tAc "$create_role" >/dev/null 2>&1; } \
            || die "Could not create the PostgreSQL role $DB_USER. Create it yourself, e.g.
         sudo -u postgres psql -c \"$create_role\""
    fi
}

ensure_python() {
    # The pins of requirements.txt are wheels for CPython 3.11 (Debian 12's Python).
    if ! "$PYTHON_BIN" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
        if command -v python3.11 >/dev/null 2>&1; then
            PYTHON_BIN=python3.11
        else
            die "Python 3.11 is needed (found: $("$PYTHON_BIN" --version 2>&1)). Install it (Debian 12: apt-get install python3),
       or point PYTHON_BIN to a Python 3.11 interpreter."
        fi
    fi
    if [ ! -x "$VENV/bin/python" ] && ! "$PYTHON_BIN" -c 'import ensurepip, venv' 2>/dev/null; then
        log "Installing python3-venv"
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-venv >&2 \
            || die "Python's venv module is missing: apt-get install python3-venv"
    fi
}

ensure_venv() {
    local stamp="$VENV/.requirements.sha256" want
    want="$(sha256sum "$REPO_ROOT/requirements.txt" | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/python" ]; then
        return
    fi
    log "Creating the virtual environment in $VENV"
    [ -x "$VENV/bin/python" ] || "$PYTHON_BIN" -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade "pip<25" wheel setuptools 2>&1 | grep -v "is ignored" >&2 || true
    "$VENV/bin/pip" install -q --prefer-binary -r "$REPO_ROOT/requirements.txt" 2>&1 | grep -v "is ignored" >&2 || true
    "$VENV/bin/python" -c "import lxml, psycopg2, werkzeug, websocket, holidays, pytest, pylint_odoo" \
        || die "The Python requirements did not install; see the pip output above."
    echo "$want" >"$stamp"
}

ensure_odoo
ensure_system_packages
ensure_postgres
ensure_python
ensure_venv
log "Setup complete (Odoo at $ODOO_PATH, virtualenv at $VENV)"
