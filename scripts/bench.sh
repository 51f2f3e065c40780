#!/usr/bin/env bash
# Run every benchmark under bench/ against a dedicated database.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
shopt -s nullglob
benches=("$REPO_ROOT"/bench/bench_*.py)
if [ ${#benches[@]} -eq 0 ]; then
    log "No benchmark under bench/ yet."
    exit 0
fi
for bench in "${benches[@]}"; do
    log "Benchmark: $(basename "$bench")"
    PYTHONPATH="$ODOO_PATH" "$VENV/bin/python" "$bench" "$@"
done
