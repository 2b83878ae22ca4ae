"""Tabular ingest and query latency: Agora next to DuckDB's own read_csv and sqlite-utils.

Why this shape: the machine is shared and noisy, so the peers run in the same invocation,
interleaved (DuckDB, Agora, Agora, DuckDB, ...), each ingest in a fresh process, and the table
gives medians and ratios. The file is a generated CSV of 10 million rows (about 1 GB, 12
columns: integers, dates, timestamps, decimals, booleans, categories and quoted text with
commas and quotes), made by DuckDB from a seeded hash so that every run reads the same bytes.

- DuckDB `CREATE TABLE AS SELECT * FROM read_csv(...)`: the physical limit (one pass, typed).
- Agora: the real ingest of a stored upload (`datastore.services.ingest_run`) until the table
  is published and queryable: detect, infer and validate (Frictionless on the first
  AGORA_DATASTORE_VALIDATE_ROWS rows), typed load with every value of every row checked,
  Parquet (zstd), content-addressed store. The node's DuckDB query file, built right after
  by a task of its own, is timed separately.
- `sqlite-utils insert --csv` (the Datasette way), in a throwaway venv under bench/work; one
  run (it takes about 26 minutes on the full file here); `--sqlite-utils-rows N` runs it on
  the first N rows instead and says so.

Then query latency through Agora's own query path (RowQuery -> selectors -> DuckDB backend),
next to the same SQL run directly on DuckDB (the node's table file, and the Parquet file):
a filtered, sorted page of 100 rows, its keyset next page, and a group-by.

    .venv/bin/python bench/datastore.py                       # everything (~40 minutes)
    .venv/bin/python bench/datastore.py --rows 1000000 --sqlite-utils-rows 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from harness import loadavg

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "datastore"
PY = sys.executable


def generate(rows: int) -> Path:
    target = WORK / f"obs_{rows}.csv"
    if target.exists():
        return target
    import duckdb

    WORK.mkdir(parents=True, exist_ok=True)
    query = f"""COPY (
        SELECT i AS id, 'region_' || (hash(i, 1) % 200) AS region,
          'health_' || (hash(i, 2) % 50) AS category,
          DATE '2000-01-01' + CAST(hash(i, 3) % 9000 AS INTEGER) AS ref_date,
          TIMESTAMP '2020-01-01'
            + to_seconds(CAST(hash(i, 4) % 150000000 AS BIGINT)) AS recorded_at,
          CAST(hash(i, 5) % 1000000 AS DOUBLE) / 100 AS amount,
          CAST(hash(i, 6) % 500 AS INTEGER) AS quantity, (hash(i, 7) % 10) = 0 AS is_estimate,
          'ISO' || (hash(i, 8) % 250) AS country_code,
          CASE WHEN hash(i, 9) % 4 = 0
            THEN 'Note, with "quotes" #' || (hash(i, 10) % 1000) END AS notes,
          CAST(hash(i, 11) % 100000 AS BIGINT) - 50000 AS delta,
          'src-' || (hash(i, 12) % 20) AS source
        FROM range(1, {rows} + 1) t(i)) TO '{target}' (HEADER, DELIMITER ',')"""  # noqa: S608
    duckdb.connect().execute(query)
    return target


def agora_env() -> dict[str, str]:
    var = WORK / "var"
    var.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "AGORA_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'bench.sqlite3'}",
        "AGORA_DEBUG": "0",
        "AGORA_SECRET_KEY": "bench-only",
        "AGORA_DATASTORE_FETCH_INTERVAL_HOURS": "0",
        "AGORA_TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "AGORA_CATALOG_UPLOAD_MAX_BYTES": str(2**40),
        "PYTHONPATH": str(ROOT),
    }


def child(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run one measurement in a fresh process; it prints one JSON line last."""
    done = subprocess.run(
        [PY, __file__, *args], env=env or agora_env(), cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------- children


def _django() -> None:
    import django

    django.setup()


def c_setup(csv_path: str) -> dict[str, Any]:
    """Migrate, publish the CSV as an upload (streamed, hashed, stored): the ingest's input."""
    _django()
    from django.core.management import call_command

    call_command("migrate", "--no-input", "-v", "0")
    from agora.catalog import services
    from agora.catalog.models import Distribution, Organization
    from agora.core.actor import SYSTEM
    from agora.interop.records import DatasetDraft, DistributionDraft, OrganizationDraft

    title = f"bench {Path(csv_path).name}"  # one distribution per generated file
    existing = Distribution.objects.filter(title=title).first()
    if existing is not None:
        return {"distribution": str(existing.id), "upload_seconds": None}
    org = Organization.objects.filter(name="bench").first() or services.organization_create(
        actor=SYSTEM, draft=OrganizationDraft(name="bench", title={"en": "Bench"})
    )
    name = "bench-" + Path(csv_path).stem.replace("_", "-")
    dataset = services.dataset_create(
        actor=SYSTEM,
        draft=DatasetDraft(name=name, title={"en": title}, organization=org.name),
    )

    class Upload:
        name = "obs.csv"

        def chunks(self, chunk_size: int | None = None):  # type: ignore[no-untyped-def]
            with open(csv_path, "rb") as handle:
                yield from iter(lambda: handle.read(1024 * 1024), b"")

    started = time.perf_counter()
    dist = services.distribution_create(
        actor=SYSTEM, dataset=dataset, draft=DistributionDraft(title=title), upload=Upload()
    )
    return {"distribution": str(dist.id), "upload_seconds": time.perf_counter() - started}


def c_agora_ingest(distribution_id: str) -> dict[str, Any]:
    """One full ingest of the stored upload, from nothing derived (no table, no cache)."""
    _django()
    from django.conf import settings
    from django.core.files.storage import default_storage

    from agora.catalog.models import Distribution
    from agora.datastore.models import DataTable
    from agora.datastore.services import ingest_run

    dist = Distribution.objects.get(pk=distribution_id)
    for table in DataTable.objects.filter(distribution=dist):
        parquet = table.parquet
        table.delete()
        if parquet is not None:
            default_storage.delete(parquet.storage_name)
            parquet.delete()
    shutil.rmtree(Path(settings.AGORA_STORAGE_CACHE_DIR) / "tables", ignore_errors=True)
    version = dist.versions.order_by("-number").first()
    table = DataTable.objects.create(distribution=dist, version=version)
    started = time.perf_counter()
    done = ingest_run(table_id=str(table.pk))
    seconds = time.perf_counter() - started
    steps = {
        s["name"]: round(_seconds(s), 2)
        for s in done.steps
        if s.get("started") and s.get("finished")
    }
    return {
        "seconds": seconds,
        "status": done.status,
        "rows": done.row_count,
        "steps": steps,
        "errors": done.report.get("error_count"),
        "error": done.error,
    }


def _seconds(step: dict[str, str]) -> float:
    import datetime as dt

    start = dt.datetime.fromisoformat(step["started"])
    return (dt.datetime.fromisoformat(step["finished"]) - start).total_seconds()


def c_duckdb_ingest(csv_path: str) -> dict[str, Any]:
    import duckdb

    target = WORK / "duckdb-ingest.duckdb"
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    connection = duckdb.connect(str(target))
    connection.execute(f"CREATE TABLE obs AS SELECT * FROM read_csv('{csv_path}')")  # noqa: S608
    connection.close()
    seconds = time.perf_counter() - started
    target.unlink(missing_ok=True)
    return {"seconds": seconds}


FILTER_SQL = (
    "SELECT * FROM {t} WHERE category = 'health_7' AND amount > 5000 "
    "ORDER BY recorded_at DESC NULLS LAST, _id LIMIT 101"
)
GROUP_SQL = (
    "SELECT region, count(*) AS count, sum(amount) AS sum_amount, avg(quantity) AS avg_quantity "
    "FROM {t} GROUP BY region ORDER BY sum_amount DESC LIMIT 11"
)


def _timed(function, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    function()  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def c_queries(distribution_id: str, repeat: str) -> dict[str, Any]:
    _django()
    import duckdb

    from agora.core.actor import SYSTEM
    from agora.datastore import cache, selectors
    from agora.datastore.query import Aggregate, Filter, RowQuery, Sort

    n = int(repeat)
    view = selectors.table_for(SYSTEM, distribution_id)
    shutil.rmtree(cache.native_path(view.handle.parquet).parent, ignore_errors=True)
    started = time.perf_counter()
    native = str(cache.ensure_native(view.handle.parquet))  # what the warm task does
    build = time.perf_counter() - started
    page = RowQuery(
        filters=(Filter("category", "eq", "health_7"), Filter("amount", "gt", 5000)),
        sort=(Sort("recorded_at", True),),
        limit=100,
    )
    _, first = selectors.rows(SYSTEM, distribution_id, page)
    following = RowQuery(**{**page.__dict__, "after": first.next_after})
    group = RowQuery(
        group_by=("region",),
        aggregates=(Aggregate("count"), Aggregate("sum", "amount"), Aggregate("avg", "quantity")),
        sort=(Sort("sum_amount", True),),
        limit=10,
    )
    from agora.core.files import local_path

    parquet = str(local_path(view.handle.parquet))
    direct = duckdb.connect(native, read_only=True)
    over_parquet = duckdb.connect()
    source = f"read_parquet('{parquet}', file_row_number=true)"
    view_sql = f"CREATE VIEW p AS SELECT file_row_number + 1 AS _id, * FROM {source}"  # noqa: S608
    over_parquet.execute(view_sql)
    return {
        "query file build (s, once per node, after the ingest)": [build],
        "agora page": _timed(lambda: selectors.rows(SYSTEM, distribution_id, page), n),
        "agora next page": _timed(lambda: selectors.rows(SYSTEM, distribution_id, following), n),
        "agora group-by": _timed(lambda: selectors.rows(SYSTEM, distribution_id, group), n),
        "duckdb table page": _timed(
            lambda: direct.execute(FILTER_SQL.format(t="data")).fetchall(), n
        ),
        "duckdb table group-by": _timed(
            lambda: direct.execute(GROUP_SQL.format(t="data")).fetchall(), n
        ),
        "duckdb parquet page": _timed(
            lambda: over_parquet.execute(FILTER_SQL.format(t="p")).fetchall(), n
        ),
        "duckdb parquet group-by": _timed(
            lambda: over_parquet.execute(GROUP_SQL.format(t="p")).fetchall(), n
        ),
    }


def sqlite_utils(csv_path: Path, rows: int | None) -> dict[str, Any]:
    venv = WORK / "sqlite-utils-venv"
    if not (venv / "bin" / "sqlite-utils").exists():
        subprocess.run([PY, "-m", "venv", str(venv)], check=True)
        subprocess.run([venv / "bin" / "pip", "install", "-q", "sqlite-utils"], check=True)
    source = csv_path
    if rows is not None:
        source = WORK / f"head_{rows}.csv"
        if not source.exists():
            with open(csv_path, "rb") as full, open(source, "wb") as out:
                for index, line in enumerate(full):
                    if index > rows:
                        break
                    out.write(line)
    target = WORK / "sqlite-utils.db"
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [venv / "bin" / "sqlite-utils", "insert", str(target), "obs", str(source), "--csv"],
        check=True,
    )
    seconds = time.perf_counter() - started
    target.unlink(missing_ok=True)
    return {"seconds": seconds, "rows": rows}


# ----------------------------------------------------------------------------- driver


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _runs(values: list[float]) -> str:
    return ", ".join(f"{x:.1f}" for x in values)


def _row(*cells: str) -> None:
    print("| " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument("--sqlite-utils-rows", type=int, default=None)
    parser.add_argument("--skip-sqlite-utils", action="store_true")
    options = parser.parse_args()
    csv_path = generate(options.rows)
    size = csv_path.stat().st_size
    print(f"file: {csv_path.name}, {options.rows:,} rows, {size / 1e9:.2f} GB; load {loadavg()}")
    setup = child("_setup", str(csv_path))
    print(f"upload (stream, SHA-256, store): {setup['upload_seconds'] or 'already stored'} s")
    duck, agora, agora_runs = [], [], []
    for run in range(options.runs):
        order = ("duckdb", "agora") if run % 2 == 0 else ("agora", "duckdb")
        for peer in order:
            if peer == "duckdb":
                duck.append(child("_duckdb", str(csv_path))["seconds"])
            else:
                result = child("_agora", setup["distribution"])
                if result["status"] != "ready":
                    raise SystemExit(f"Agora ingest failed: {result}")
                agora.append(result["seconds"])
                agora_runs.append(result)
        print(
            f"run {run + 1}: duckdb {duck[-1]:.1f} s, agora {agora[-1]:.1f} s "
            f"(steps {agora_runs[-1]['steps']}); load {loadavg()}",
            flush=True,
        )
    su = None
    if not options.skip_sqlite_utils:
        su = sqlite_utils(csv_path, options.sqlite_utils_rows)
    queries = child("_queries", setup["distribution"], str(options.queries))
    d, a = statistics.median(duck), statistics.median(agora)
    print("\n## Ingest (median of runs, seconds)")
    _row("method", "runs", "median", "MB/s", "ratio vs DuckDB read_csv")
    print("|---|---|---:|---:|---:|")
    _row("DuckDB read_csv -> table", _runs(duck), f"{d:.1f}", f"{size / d / 1e6:.0f}", "1.00")
    label = "Agora ingest until queryable (validate, Parquet, store)"
    _row(label, _runs(agora), f"{a:.1f}", f"{size / a / 1e6:.0f}", f"{a / d:.2f}")
    if su is not None:
        scale = options.rows / su["rows"] if su["rows"] else 1.0
        note = f" (first {su['rows']:,} rows, x{scale:.0f})" if su["rows"] else ""
        full = su["seconds"] * scale
        rate = f"{size / full / 1e6:.1f}"
        _row(
            f"sqlite-utils insert --csv{note}",
            f"{su['seconds']:.1f}",
            f"{full:.1f}",
            rate,
            f"{full / d:.1f}",
        )
        print(f"\nAgora vs sqlite-utils: {full / a:.1f}x faster")
    print(f"\nrows loaded: {agora_runs[-1]['rows']:,}; errors found: {agora_runs[-1]['errors']}")
    print(f"\n## Query latency (ms, warm, {options.queries} runs each)")
    print("| query | p50 | p95 |")
    print("|---|---:|---:|")
    build = queries.pop("query file build (s, once per node, after the ingest)")[0]
    for name, values in queries.items():
        print(f"| {name} | {_p(values, 0.5):.1f} | {_p(values, 0.95):.1f} |")
    print(f"\nper-node DuckDB query file built from the Parquet (background task): {build:.1f} s")
    print(f"\nload at the end: {loadavg()}")


CHILDREN = {
    "_setup": c_setup,
    "_agora": c_agora_ingest,
    "_duckdb": c_duckdb_ingest,
    "_queries": c_queries,
}

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in CHILDREN:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(CHILDREN[sys.argv[1]](*sys.argv[2:]), default=str))
    else:
        main()
