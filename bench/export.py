"""Export benchmark: a large catalogue as /data.json (streamed) and as paged DCAT (Turtle).

    .venv/bin/python bench/export.py --datasets 1000000 [--database-url postgres://...]

What it measures, each in a fresh child process (so peak memory is that export's alone):
- `data.json`: the whole streamed response, consumed through Django's test client;
- `catalog.ttl`: every page of /catalog.ttl at the largest page size, one after another;
- `floor`: the physical limit of the same read: one plain SQL scan of the dataset rows (no
  records, no serialisation), the cost nobody can go below.
Figures: datasets per second, output bytes, peak RSS (ru_maxrss of the child); medians of
`--repeat` runs and the ratio to the floor, printed side by side.

The synthetic catalogue is written by a bench-only bulk loader straight into the database
(bulk INSERTs of datasets, one distribution each, themes and countries): creating a million
datasets through catalog.services (validation, revision, audit entry, search outbox per
dataset) would take hours. Never used outside this benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "work" / "export"


def _django(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("AGORA_VAR_DIR", str(WORK))
    import django

    django.setup()


def load(count: int, batch: int = 5000) -> None:
    """Bulk-load `count` datasets (bench only: bypasses the services on purpose)."""
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
    for start in range(have, count, batch):
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


def measure(kind: str) -> dict[str, float]:
    """One export, in this process; prints its figures as JSON."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    started = time.perf_counter()
    size = 0
    items = 0
    if kind == "datajson":
        response = client.get("/data.json")
        for chunk in response.streaming_content:
            size += len(chunk)
        items = -1
    elif kind == "dcat":
        page, last = 1, 1
        limit = settings.AGORA_INTEROP_PAGE_SIZE_MAX
        while page <= last:
            body = client.get(f"/catalog.ttl?page={page}&page_size={limit}").content
            size += len(body)
            if page == 1:
                found = re.search(rb"totalItems>?\s+\"?(\d+)", body)
                total = int(found.group(1)) if found else 0
                last = max(1, -(-total // limit))
            page += 1
    else:  # floor: one plain scan of the rows the exports read
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, name, title, description, updated_at FROM catalog_dataset")
            while rows := cursor.fetchmany(5000):
                size += sum(len(str(r)) for r in rows)
    seconds = time.perf_counter() - started
    from agora.catalog.models import Dataset

    count = Dataset.objects.count() if items <= 0 else items
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "bytes": size, "datasets": count, "peak_mib": peak}


def _child(kind: str, database_url: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--measure", kind, "--database-url", database_url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", default=f"sqlite:///{WORK / 'export.sqlite3'}")
    parser.add_argument("--measure", choices=["datajson", "dcat", "floor"])
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    _django(args.database_url)
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    started = time.perf_counter()
    load(args.datasets)
    print(
        f"loaded {args.datasets:,} datasets in {time.perf_counter() - started:.0f} s "
        f"(load average {os.getloadavg()[0]:.2f})"
    )
    results: dict[str, list[dict[str, float]]] = {"floor": [], "datajson": [], "dcat": []}
    for _ in range(args.repeat):  # interleaved, so a noisy neighbour hits all kinds alike
        for kind in results:
            results[kind].append(_child(kind, args.database_url))
    floor = statistics.median(r["seconds"] for r in results["floor"])
    print(
        f"\n{'export':<12}{'datasets':>12}{'median s':>11}{'datasets/s':>13}"
        f"{'MB out':>9}{'peak RSS MiB':>14}{'x floor':>9}"
    )
    for kind, runs in results.items():
        seconds = statistics.median(r["seconds"] for r in runs)
        count = runs[0]["datasets"]
        print(
            f"{kind:<12}{count:>12,.0f}{seconds:>11.1f}{count / seconds:>13,.0f}"
            f"{statistics.median(r['bytes'] for r in runs) / 1e6:>9.0f}"
            f"{max(r['peak_mib'] for r in runs):>14.0f}{seconds / floor:>9.1f}"
        )


if __name__ == "__main__":
    main()
