"""Benchmark pages vs the native API that returns the same rows, in one run.

Builds a throw-away SQLite database, imports every official UN E-Government Survey export of
the shared test data (2003-2024, 193 countries an edition), then times each page through
Django's test client (the whole stack but the socket: middleware, selectors, templates, gzip)
next to its peer, the native API answering the same table as JSON (CPU time of the process,
median). The ratio page/API is what
the HTML (template, map outlines, charts) costs on top of reading the rows. Each figure is the
median of --runs requests after one warm-up; the query count of each page is printed too (it
must not grow with the number of countries: see test_pages_read_in_a_fixed_number_of_queries).
The machine is shared with other people's work: medians move between runs, ratios less.

    .venv/bin/python bench/benchmark_pages.py            # about a minute
    .venv/bin/python bench/benchmark_pages.py --runs 30
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PAIRS = [
    ("rankings 2022 (193 rows)", "/benchmarks/rankings?edition=2022",
     "/api/v1/benchmarks/frameworks/un-egov/editions/2022/scores"),
    ("world map 2022", "/benchmarks/?edition=2022",
     "/api/v1/benchmarks/frameworks/un-egov/editions/2022/scores?sort=-egdi"),
    ("country KEN, 12 editions", "/benchmarks/country/KEN",
     "/api/v1/benchmarks/countries/KEN/series"),
    ("compare 5 countries", "/benchmarks/compare?countries=KEN,DNK,BRA,IND,FJI",
     "/api/v1/benchmarks/compare?countries=KEN,DNK,BRA,IND,FJI"),
    ("methodology un-egov 2022", "/benchmarks/methodology/un-egov?edition=2022",
     "/api/v1/benchmarks/frameworks/un-egov/methodology?edition=2022"),
]  # fmt: skip


def _setup(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["AGORA_WEB_COUNT_VIEWS"] = "false"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from agora.benchmarks import services
    from agora.core.actor import SYSTEM
    from agora.testing import shared_data_path

    folder = shared_data_path() / "benchmarks" / "un_egov"
    for path in sorted(folder.glob("EGOV_DATA_*.csv")):
        services.observations_import(
            actor=SYSTEM, kind="un-egov-export", content=path.read_bytes(), file_name=path.name
        )


def _time(client, url: str, runs: int) -> tuple[float, int, int]:  # type: ignore[no-untyped-def]
    """Median CPU milliseconds of this process per request (moves much less with other
    people's load than wall time), the page's query count and its gzipped size."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # the log is capped at 9,000 entries, which the imports filled
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    cpu = []
    for _ in range(runs):
        start = time.process_time()
        client.get(url)
        cpu.append(time.process_time() - start)
    return statistics.median(cpu) * 1000, len(queries), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        _setup(Path(folder))
        print(f"setup (migrate + 12 UN exports): {time.perf_counter() - started:.1f} s")
        from django.test import Client

        client = Client(HTTP_ACCEPT_ENCODING="gzip", HTTP_HOST="127.0.0.1")
        print(f"load average: {os.getloadavg()[0]:.2f} (2 cores, shared)")
        head = ("page", "page CPU ms", "API CPU ms", "ratio", "queries", "gz KB")
        print(f"{head[0]:28} {head[1]:>11} {head[2]:>10} {head[3]:>6} {head[4]:>8} {head[5]:>6}")
        for name, page, api in PAIRS:
            page_ms, queries, size = _time(client, page, args.runs)
            api_ms, _, _ = _time(client, api, args.runs)
            print(f"{name:28} {page_ms:11.1f} {api_ms:10.1f} {page_ms / api_ms:6.2f} "
                  f"{queries:8d} {size / 1024:6.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
