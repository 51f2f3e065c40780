#!/usr/bin/env bash
# Lint gate: pylint-odoo's mandatory OCA checks for 18.0 and ruff. Any finding fails.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"
log "Lint: ruff"
"$VENV/bin/ruff" check --quiet addons tests bench scripts conftest.py || die "ruff found problems."
"$VENV/bin/ruff" format --check --quiet addons tests bench scripts conftest.py || die "ruff format would reformat files (run .venv/bin/ruff format)."
log "Lint: pylint-odoo (mandatory OCA checks)"
"$VENV/bin/pylint" --rcfile=.pylintrc-mandatory --score=n addons/* \
    || die "pylint-odoo found problems."
log "Lint: OCA module checks (manifests, XML, translations)"
"$VENV/bin/oca-checks-odoo-module" addons/* || die "oca-checks-odoo-module found problems."
mapfile -t po_files < <(find addons -path '*/i18n/*' \( -name '*.po' -o -name '*.pot' \) | sort)
if [ ${#po_files[@]} -gt 0 ]; then
    # Every check but the wrapping: translations are kept on one line each
    # (scripts/i18n_merge.py), so that an empty msgstr means untranslated.
    "$VENV/bin/oca-checks-po" --disable=po-pretty-format "${po_files[@]}" \
        || die "oca-checks-po found problems."
fi
