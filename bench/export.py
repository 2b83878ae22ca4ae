"""Export benchmark: a large catalogue as /data.json (streamed) and as paged DCAT-AP.

    .venv/bin/python bench/export.py --datasets 1000000 [--repeat 1] [--sample 2000]
        [--whole floor,records,datajson,dcat-ttl] [--database-url postgres://...]

What it measures, each in a fresh child process (so peak memory is that export's alone):
- writers alone, the peer: the first `--sample` datasets written as one catalogue by rdflib
  (graph + its serialiser, what Agora used before) and by our streaming writer, records read
  beforehand and not timed;
- `data.json`: the whole streamed response, consumed through Django's test client;
- `dcat-<ext>`: every page of /catalog.<ext> at the largest page size, one after another;
- `records`: reading every public dataset as records (the bulk reader), nothing written;
- `floor`: one plain SQL scan of the dataset rows (no records, no serialisation), the cost
  nobody can go below.
Figures: datasets per second, output bytes, peak RSS (ru_maxrss of the child); medians of
`--repeat` runs, and each rate as a multiple of the peer's (writers) or the floor's (whole).

The synthetic catalogue is written by a bench-only bulk loader straight into the database:
20,000 datasets by bulk INSERTs (one distribution each, a theme, a country), then copied by
INSERT ... SELECT until there are `--datasets`; creating a million datasets through
catalog.services (validation, revision, audit entry, search outbox per dataset) would take
hours. Never used outside this benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "work" / "export"


def _django(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("AGORA_VAR_DIR", str(WORK))
    import django

    django.setup()


def load(count: int, batch: int = 5000, seed: int = 20000) -> None:
    """Bulk-load `count` datasets (bench only: bypasses the services on purpose): `seed`
    datasets through bulk_create, then copies of them made by the database itself."""
    from django.core.management import call_command
    from django.db import transaction

    from agora.catalog.models import Dataset, Distribution, Organization

    call_command("migrate", verbosity=0)
    have = Dataset.objects.count()
    if have >= count:
        return
    org, _ = Organization.objects.get_or_create(
        name="bench-statistics-office",
        defaults={"title": {"en": "Bench Statistics Office"}, "country_id": "KEN"},
    )
    themes = Dataset.themes.through
    countries = Dataset.countries.through
    codes = ["KEN", "FRA", "BRA", "IND", "USA", "DEU", "NGA", "CHN"]
    for start in range(have, min(count, seed), batch):
        rows, dists, links, places = [], [], [], []
        for n in range(start, min(start + batch, count)):
            ds = Dataset(
                id=uuid.uuid4(),
                name=f"bench-dataset-{n}",
                title={"en": f"Bench dataset {n}", "fr": f"Jeu de données {n}"},
                description={"en": f"Synthetic dataset number {n} for the export benchmark."},
                organization=org,
                licence_id="CC-BY-4.0",
                frequency="ANNUAL",
                contact_name="Data desk",
                contact_email="data@example.org",
                title_sort=f"bench dataset {n}",
                revision_number=1,
            )
            rows.append(ds)
            dists.append(
                Distribution(
                    id=uuid.uuid4(),
                    dataset=ds,
                    title="Data",
                    url=f"https://data.example.org/{n}.csv",
                    format="CSV",
                    media_type="text/csv",
                    byte_size=1000 + n,
                )
            )
            links.append(themes(dataset_id=ds.id, theme_id="SOCI"))
            places.append(countries(dataset_id=ds.id, country_id=codes[n % len(codes)]))
        with transaction.atomic():
            Dataset.objects.bulk_create(rows)
            Distribution.objects.bulk_create(dists)
            themes.objects.bulk_create(links)
            countries.objects.bulk_create(places)

    _replicate(count)


def _replicate(count: int) -> None:
    """Copy existing datasets (with their distribution, themes and countries) in SQL until
    there are `count`: INSERT ... SELECT runs at the database's speed, not the ORM's. The SQL
    is assembled from the tables' own column names, never from input."""
    from django.db import connection, transaction

    new_id = "lower(hex(randomblob(16)))" if connection.vendor == "sqlite" else "gen_random_uuid()"
    with connection.cursor() as cursor:
        columns = {
            table: [c.name for c in connection.introspection.get_table_description(cursor, table)]
            for table in ("catalog_dataset", "catalog_distribution")
        }
    while True:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM catalog_dataset")
            have = cursor.fetchone()[0]
        if have >= count:
            return
        copies = min(have, count - have)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_copy")
            cursor.execute(
                f"CREATE TEMPORARY TABLE bench_copy AS SELECT id AS old, {new_id} AS new "  # noqa: S608
                f"FROM catalog_dataset ORDER BY id LIMIT {copies}"
            )
            ds = [c for c in columns["catalog_dataset"] if c not in ("id", "name")]
            cursor.execute(
                f"INSERT INTO catalog_dataset (id, name, {', '.join(ds)}) "  # noqa: S608
                f"SELECT m.new, d.name || '-{have}', {', '.join('d.' + c for c in ds)} "
                "FROM catalog_dataset d JOIN bench_copy m ON d.id = m.old"
            )
            dist = [c for c in columns["catalog_distribution"] if c not in ("id", "dataset_id")]
            cursor.execute(
                f"INSERT INTO catalog_distribution (id, dataset_id, {', '.join(dist)}) "  # noqa: S608
                f"SELECT {new_id}, m.new, {', '.join('x.' + c for c in dist)} "
                "FROM catalog_distribution x JOIN bench_copy m ON x.dataset_id = m.old"
            )
            for table, column in (("themes", "theme_id"), ("countries", "country_id")):
                cursor.execute(
                    f"INSERT INTO catalog_dataset_{table} (dataset_id, {column}) "  # noqa: S608
                    f"SELECT m.new, t.{column} FROM catalog_dataset_{table} t "
                    "JOIN bench_copy m ON t.dataset_id = m.old"
                )
            cursor.execute("DROP TABLE bench_copy")


def _consume(response: Any) -> int:
    if response.status_code != 200:
        raise SystemExit(f"HTTP {response.status_code}: {response.content[:300]!r}")
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def measure(kind: str, sample: int) -> dict[str, float]:
    """One export, in this process; prints its figures as JSON.

    datajson / dcat-<ext>: through Django's test client (the whole stack but the socket);
    floor: one plain SQL scan of the rows; records: the bulk record reader alone;
    rdflib-<ext> / fast-<ext>: the first `sample` records written by rdflib (the peer) and by
    our streaming writer, records read beforehand and not timed."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from agora.api.exports.common import public_datasets, record_batches, site_description
    from agora.api.exports.records import RecordReader
    from agora.catalog.models import Dataset

    client = Client(HTTP_HOST="127.0.0.1")
    _consume(client.get("/catalog.ttl?page_size=1"))  # import the URL conf and API schemas first
    size, count = 0, 0
    if kind.startswith(("rdflib-", "fast-")):
        ids = public_datasets().order_by("id").values_list("id", flat=True)[:sample]
        records = RecordReader().records(list(ids))
        count = len(records)
        site = site_description()
    started = time.perf_counter()
    if kind == "datajson":
        size = _consume(client.get("/data.json"))
        count = Dataset.objects.count()
    elif kind.startswith("dcat-"):
        extension, limit = kind.split("-", 1)[1], settings.AGORA_INTEROP_PAGE_SIZE_MAX
        count = public_datasets().count()
        for page in range(1, max(1, -(-count // limit)) + 1):
            size += _consume(client.get(f"/catalog.{extension}?page={page}&page_size={limit}"))
    elif kind == "records":
        for batch in record_batches(public_datasets()):
            count += len(batch)
    elif kind.startswith("rdflib-"):
        from agora.interop.dcat import add_catalogue, serialise
        from agora.interop.dcat.namespaces import new_graph

        graph = new_graph()
        add_catalogue(graph, site, records)
        size = len(serialise(graph, kind.split("-", 1)[1]))
    elif kind.startswith("fast-"):
        from agora.interop.dcat.documents import catalogue_chunks

        items = ((r, None) for r in records)
        size = sum(len(c) for c in catalogue_chunks(site, items, kind.split("-", 1)[1]))
    else:  # floor: one plain scan of the rows the exports read
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, name, title, description, updated_at FROM catalog_dataset")
            while rows := cursor.fetchmany(5000):
                size += sum(len(str(r)) for r in rows)
                count += len(rows)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "bytes": size, "datasets": count, "peak_mib": peak}


def _child(kind: str, database_url: str, sample: int) -> dict[str, float]:
    output = subprocess.run(
        [
            sys.executable,
            __file__,
            "--measure",
            kind,
            "--database-url",
            database_url,
            "--sample",
            str(sample),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _print(results: dict[str, list[dict[str, float]]], reference: str) -> None:
    base = statistics.median(r["datasets"] / r["seconds"] for r in results[reference])
    print(
        f"\n{'export':<14}{'datasets':>11}{'median s':>10}{'datasets/s':>12}"
        f"{'MB out':>9}{'peak RSS MiB':>14}  {'x ' + reference:>14}"
    )
    for kind, runs in results.items():
        seconds = statistics.median(r["seconds"] for r in runs)
        count = runs[0]["datasets"]
        rate = statistics.median(r["datasets"] / r["seconds"] for r in runs)
        print(
            f"{kind:<14}{count:>11,.0f}{seconds:>10.1f}{rate:>12,.0f}"
            f"{statistics.median(r['bytes'] for r in runs) / 1e6:>9.0f}"
            f"{max(r['peak_mib'] for r in runs):>14.0f}  {rate / base:>14.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=2000, help="datasets for the rdflib peer")
    parser.add_argument(
        "--whole",
        default="floor,records,datajson,dcat-ttl,dcat-nt,dcat-jsonld,dcat-rdf",
        help="whole-catalogue measures to run (comma-separated)",
    )
    parser.add_argument("--database-url", default=f"sqlite:///{WORK / 'export.sqlite3'}")
    parser.add_argument("--measure")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    _django(args.database_url)
    if args.measure:
        print(json.dumps(measure(args.measure, args.sample)))
        return
    started = time.perf_counter()
    load(args.datasets)
    print(
        f"catalogue of {args.datasets:,} datasets ready in {time.perf_counter() - started:.0f} s"
        f" (load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs)"
    )
    # The peer: rdflib against our writer on the same sample, same process conditions.
    sample: dict[str, list[dict[str, float]]] = {
        f"{w}-{e}": [] for e in ("nt", "ttl", "jsonld") for w in ("rdflib", "fast")
    }
    for _ in range(args.repeat if args.sample else 0):
        for kind in sample:
            sample[kind].append(_child(kind, args.database_url, args.sample))
    if args.sample:
        print(f"\nwriters alone, first {args.sample:,} datasets (records read beforehand):")
        _print(sample, "rdflib-nt")
    whole: dict[str, list[dict[str, float]]] = {k: [] for k in args.whole.split(",") if k}
    for _ in range(args.repeat):  # interleaved, so a noisy neighbour hits all kinds alike
        for kind in whole:
            whole[kind].append(_child(kind, args.database_url, args.sample))
    print(
        f"\nwhole catalogue over HTTP (Django test client), load average {os.getloadavg()[0]:.2f}:"
    )
    _print(whole, "floor")


if __name__ == "__main__":
    main()
