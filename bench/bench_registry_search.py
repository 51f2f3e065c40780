#!/usr/bin/env python3
"""Benchmark of the nationality registry search (addon nationality_exchange).

Generates N synthetic register rows (default 1,000,000) with a realistic
Vietnamese name distribution, loads them through the bulk importer (so the
load is measured too), builds a query set from records of the registry with
the perturbations people make when they write a name in a lookup request, then
measures for the indexed search (``nationality.record.registry_search``) and
for a naive ``ilike`` search on the same data: median and p95 latency and
recall@10, and the speed ratio between the two, in the same run.

Run it with ``make bench`` or ``scripts/bench.sh [options]`` (PYTHONPATH must
hold the Odoo source tree). The database (default ``nationality_bench``) is
created by Odoo with the addons installed when it does not exist, and reused
otherwise; the rows are generated only when the registry holds fewer than N.
"""

import argparse
import csv
import datetime
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ODOO_PATH = Path(os.environ.get("ODOO_PATH", "/opt/odoo"))
ADDONS_PATH = f"{ODOO_PATH}/addons,{ODOO_PATH}/odoo/addons,{REPO}/addons"
DB_HOST = os.environ.get("DB_HOST", "127.0.0.1")
DB_PORT = os.environ.get("DB_PORT", "5432")
DB_USER = os.environ.get("DB_USER", "odoo")
DB_PASSWORD = os.environ.get("DB_PASSWORD", "odoo")
SOURCE_NAME = "bench_registry_seed{seed}.csv"
KINDS = (
    "no_diacritics",
    "upper_case",
    "nfd",
    "swapped_order",
    "one_typo",
    "year_only",
    "exact_id",
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000, help="registry size (N)")
    parser.add_argument("--queries", type=int, default=700, help="queries for the indexed search")
    parser.add_argument(
        "--baseline-queries",
        type=int,
        default=140,
        help="queries for the naive ilike search (a sample of the same query set: it is slow)",
    )
    parser.add_argument("--db", default="nationality_bench", help="database name")
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument(
        "--no-birth-place",
        action="store_true",
        help="queries without the place of birth (name and date of birth only)",
    )
    parser.add_argument(
        "--reload",
        action="store_true",
        help="generate and import the rows again even if the registry holds them",
    )
    return parser.parse_args()


def odoo_args(db):
    return [
        f"--addons-path={ADDONS_PATH}",
        f"--db_host={DB_HOST}",
        f"--db_port={DB_PORT}",
        f"--db_user={DB_USER}",
        f"--db_password={DB_PASSWORD}",
        f"--database={db}",
        f"--db-filter=^{db}$",
        "--unaccent",
        "--log-level=warn",
    ]


def database_exists(db):
    import psycopg2

    connection = psycopg2.connect(
        host=DB_HOST, port=DB_PORT, user=DB_USER, password=DB_PASSWORD, dbname="postgres"
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db,))
            return bool(cursor.fetchone())
    finally:
        connection.close()


def ensure_database(db):
    """Create the benchmark database with Odoo (so pg_trgm and unaccent are
    installed) and the addons without demo data, unless it exists."""
    if database_exists(db):
        print(f"Reusing database {db}")
        return
    print(f"Creating database {db} with the nationality addons (a few minutes)…", flush=True)
    command = [
        sys.executable,
        str(ODOO_PATH / "odoo-bin"),
        *odoo_args(db),
        "-i",
        "nationality_exchange",
        "--without-demo=all",
        "--stop-after-init",
    ]
    subprocess.run(command, check=True, env={**os.environ, "PYTHONPATH": str(ODOO_PATH)})


def machine_description(cr):
    cr.execute("SELECT version()")
    pg_version = cr.fetchone()[0].split(" on ")[0]
    memory = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            kilobytes = int(handle.readline().split()[1])
            memory = f"{kilobytes / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        memory = "RAM unknown"
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory}, {pg_version}, Python "
        f"{platform.python_version()}, {platform.system()} {platform.release()}, "
        f"{datetime.date.today().isoformat()}"
    )


def load_registry(env, records, seed, reload=False):
    """Generate the rows into a CSV file and load it through the importer."""
    from odoo.addons.nationality_exchange.tools.synthetic_registry import (
        IMPORT_COLUMNS,
        RegistryGenerator,
    )

    Import = env["nationality.record.import"]
    source = SOURCE_NAME.format(seed=seed)
    existing = Import.search([("name", "like", source)])
    count = env["nationality.record"].search_count([("import_id", "in", existing.ids)])
    generated = sum(existing.mapped("rows_read"))
    if generated == records and not reload:
        print(
            f"Registry already holds the {count:,} benchmark records imported from "
            f"{generated:,} generated rows: not generated again."
        )
        return None
    total = env["nationality.record"].with_context(active_test=False).search_count([])
    if total > count:
        sys.exit(
            f"{env.cr.dbname} holds records that the benchmark did not create: "
            "use a dedicated database (--db)."
        )
    # A dedicated database: start from an empty registry (no dead rows left
    # behind to slow down the scans of the naive search).
    env.cr.execute(
        "TRUNCATE nationality_record, nationality_record_word, nationality_record_import CASCADE"
    )
    env.cr.commit()
    generator = RegistryGenerator(seed=seed, today=datetime.date.today())
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, source)
        started = time.monotonic()
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(IMPORT_COLUMNS)
            for row in generator.rows(records):
                writer.writerow([row[column] for column in IMPORT_COLUMNS])
        generated = time.monotonic() - started
        print(f"Generated {records:,} rows in {generated:.1f} s", flush=True)
        batch = Import.import_path(path)
        env.cr.commit()
    print(
        f"Imported {batch.rows_imported:,} of {batch.rows_read:,} rows "
        f"({batch.rows_rejected:,} rejected) in {batch.duration:.1f} s: "
        f"{batch.rows_per_second:,} rows/s through the bulk importer",
        flush=True,
    )
    return batch


def officer(env):
    """A Ministry officer: the searches run with its rights and record rules."""
    users = env["res.users"].with_context(active_test=False)
    user = users.search([("login", "=", "bench.officer")])
    if not user:
        user = users.create(
            {
                "name": "Bench officer",
                "login": "bench.officer",
                "groups_id": [(6, 0, [env.ref("nationality_dossier.group_ministry_officer").id])],
            }
        )
        env.cr.commit()
    return user


def birth_text(birth_date, precision):
    if not birth_date:
        return ""
    if precision == "year":
        return str(birth_date.year)
    if precision == "month":
        return birth_date.strftime("%m/%Y")
    return birth_date.strftime("%d/%m/%Y")


def build_queries(env, count, seed, with_place=True):
    """``count`` queries over records of the registry, the perturbations in
    turn; each query carries what a lookup request gives: the name as written,
    the date of birth as known (or the year only), the place of birth."""
    from odoo.addons.nationality_exchange.tools.synthetic_registry import PERTURBATIONS

    rng = random.Random(seed)
    cr = env.cr
    cr.execute("SELECT min(id), max(id) FROM nationality_record")
    low, high = cr.fetchone()
    queries = []
    kinds = [KINDS[index % len(KINDS)] for index in range(count)]
    for kind in kinds:
        while True:
            record_id = rng.randint(low, high)
            cr.execute(
                """
                SELECT id, full_name, birth_date, birth_date_precision, birth_place,
                       id_number, passport_number
                FROM nationality_record WHERE id >= %s ORDER BY id LIMIT 1
                """,
                [record_id],
            )
            row = cr.fetchone()
            if row and (kind != "exact_id" or row[5] or row[6]):
                break
        record_id, name, born, precision, place, id_number, passport = row
        criteria = {"birth_place": place or ""}
        if kind == "exact_id":
            criteria = {"name": name, "id_number": id_number or passport}
        elif kind == "year_only":
            criteria.update(name=name, birth_date=str(born.year) if born else "")
        else:
            criteria.update(
                name=PERTURBATIONS[kind](rng, name), birth_date=birth_text(born, precision)
            )
        if kind == "no_diacritics":
            criteria["birth_place"] = PERTURBATIONS["no_diacritics"](rng, place or "")
        if not with_place:
            criteria.pop("birth_place", None)
        queries.append((kind, record_id, {k: v for k, v in criteria.items() if v}))
    return queries


def naive_search(env, criteria):
    """What a plain ilike search does: the name as a substring, diacritics
    folded by unaccent like Odoo's ilike, best birth-date agreement first.
    Without a trigram index on the name, PostgreSQL reads the whole table."""
    name = criteria.get("name", "")
    birth = criteria.get("birth_date", "")
    year = int(birth[-4:]) if birth else 0
    env.cr.execute(
        """
        SELECT id FROM nationality_record
        WHERE active AND (unaccent(full_name) ILIKE unaccent(%s)
              OR (%s <> '' AND (id_number = %s OR passport_number = %s)))
        ORDER BY (birth_year = %s) DESC, id
        LIMIT 10
        """,
        [
            f"%{name}%",
            criteria.get("id_number", ""),
            criteria.get("id_number", ""),
            criteria.get("id_number", ""),
            year,
        ],
    )
    return [row[0] for row in env.cr.fetchall()]


def measure(label, queries, search):
    latencies = []
    found = {}
    for kind, truth, criteria in queries:
        started = time.perf_counter()
        ids = search(criteria)
        latencies.append((time.perf_counter() - started) * 1000)
        hits = found.setdefault(kind, [0, 0])
        hits[0] += truth in ids[:10]
        hits[1] += 1
    latencies.sort()
    total_hits = sum(hit for hit, _count in found.values())
    result = {
        "label": label,
        "queries": len(queries),
        "median": statistics.median(latencies),
        "p95": latencies[max(0, int(round(0.95 * len(latencies))) - 1)],
        "recall": total_hits / len(queries),
        "by_kind": {kind: hit / count for kind, (hit, count) in found.items()},
    }
    return result


def main():
    args = parse_args()
    ensure_database(args.db)
    import odoo
    from odoo import api
    from odoo.tools import config

    config.parse_config(odoo_args(args.db))
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        print("Machine:", machine_description(cr))
        load_registry(env, args.records, args.seed, args.reload)
        cr.execute("SELECT count(*) FROM nationality_record")
        size = cr.fetchone()[0]
        print(f"Registry size: {size:,} records")
        user = officer(env)
        queries = build_queries(env, args.queries, args.seed + 1, not args.no_birth_place)
        cr.commit()
        Record = env["nationality.record"].with_user(user)

        def indexed(criteria):
            matches = Record.registry_search(criteria, limit=10)
            return [match["record"].id for match in matches]

        # Warm the caches as a running server would be.
        for _kind, _truth, criteria in queries[:50]:
            indexed(criteria)
        env.invalidate_all()
        smart = measure("indexed search", queries, indexed)
        rng = random.Random(args.seed + 2)
        sample = rng.sample(queries, min(args.baseline_queries, len(queries)))
        naive = measure("naive ilike", sample, lambda criteria: naive_search(env, criteria))
        # The indexed search on exactly the naive sample, for a like-for-like ratio.
        same_sample = measure("indexed search (naive sample)", sample, indexed)
        cr.rollback()

    print()
    print(
        f"Queries: {len(queries)} ({', '.join(KINDS)} in turn), "
        f"{'without' if args.no_birth_place else 'with'} the place of birth; "
        f"naive sample: {len(sample)}"
    )
    header = f"{'search':34} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'recall@10':>10}"
    print(header)
    print("-" * len(header))
    for result in (smart, same_sample, naive):
        print(
            f"{result['label']:34} {result['queries']:>7} {result['median']:>10.2f} "
            f"{result['p95']:>8.2f} {result['recall'] * 100:>9.1f}%"
        )
    print()
    print("recall@10 by perturbation (indexed / naive):")
    for kind in KINDS:
        print(
            f"  {kind:15} {smart['by_kind'].get(kind, 0) * 100:6.1f}%  "
            f"{naive['by_kind'].get(kind, 0) * 100:6.1f}%"
        )
    print()
    print(
        f"Speed ratio naive / indexed on the same queries: median "
        f"{naive['median'] / same_sample['median']:.0f}x, p95 "
        f"{naive['p95'] / same_sample['p95']:.0f}x"
    )
    targets = smart["p95"] < 50 and smart["recall"] >= 0.99
    targets = targets and naive["median"] / same_sample["median"] >= 20
    print(
        "Targets (p95 < 50 ms, recall@10 >= 99 %, >= 20x faster):", "met" if targets else "NOT met"
    )


if __name__ == "__main__":
    main()
