"""Harvest benchmark: a served N-dataset data.json and an N-dataset CKAN API, harvested
first (every dataset created) and again unchanged, with the floor measured in the same run.

    .venv/bin/python bench/harvest.py --datasets 100000
    .venv/bin/python bench/harvest.py --datasets 20000 --kinds datajson --database-url postgres://...

The synthetic sources are generated from the shapes of real records: the entries of
energy.gov's data.json and the packages of dados.gov.br's package_search in shared/data are
cycled, each copy given its own identifier, name and title. They are served over loopback by a
separate process (ThreadingHTTPServer): the data.json as a file with an ETag (the unchanged
re-run forgets the ETag first, so it really reads and compares every record; a third run keeps
it and shows the 304 short cut), the CKAN
API as `package_search` pages made on the fly (sorted by name, `rows` up to 1000).

Each harvest runs in a fresh child process (its peak RSS is that run's alone) against a fresh
database (SQLite under bench/work/harvest unless --database-url), through the real runner and
catalog.services (validation, revision, audit entry, search outbox for every dataset).
The floor is the physical limit of the same read: the child downloads and decodes every record
(no mapping, no database); nothing can harvest faster than that.
Figures: datasets per second, wall seconds, peak RSS. The machine is shared: figures move with
other people's load (the load average is printed).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "work" / "harvest"


def _shared() -> Path:
    sys.path.insert(0, str(ROOT))
    from agora.testing import shared_data_path

    return shared_data_path()


# ----------------------------------------------------------------------------- sources


def datajson_templates() -> list[dict[str, Any]]:
    path = _shared() / "catalogues/data-json/us-federal-agencies/energy.data.json"
    return json.loads(path.read_bytes())["dataset"]


def ckan_templates() -> list[dict[str, Any]]:
    path = _shared() / "ckan-api/dados-gov-br/package_search.q-all.rows800.json.gz"
    return json.loads(gzip.decompress(path.read_bytes()))["result"]["results"]


def datajson_entry(templates: list[dict[str, Any]], n: int) -> dict[str, Any]:
    entry = dict(templates[n % len(templates)])
    entry["identifier"] = f"bench-{n:07d}"
    entry["title"] = f"{entry.get('title') or 'Dataset'} ({n})"
    return entry


def ckan_package(templates: list[dict[str, Any]], n: int) -> dict[str, Any]:
    package = dict(templates[n % len(templates)])
    package["id"] = f"00000000-0000-4000-8000-{n:012d}"
    package["name"] = f"bench-{n:07d}"
    package["title"] = f"{package.get('title') or 'Dataset'} ({n})"
    return package


def write_datajson(path: Path, count: int) -> None:
    templates = datajson_templates()
    with path.open("w", encoding="utf-8") as out:
        out.write('{"conformsTo": "https://project-open-data.cio.gov/v1.1/schema", "dataset": [\n')
        for n in range(count):
            out.write(("," if n else "") + json.dumps(datajson_entry(templates, n)) + "\n")
        out.write("]}\n")


def serve(port_file: Path, datajson: Path, count: int) -> None:
    """The source server (run in its own process)."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qs, urlsplit

    templates = ckan_templates()
    size = datajson.stat().st_size

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path == "/data.json":
                etag = '"bench"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(size))
                self.send_header("ETag", etag)
                self.end_headers()
                with datajson.open("rb") as body:
                    while chunk := body.read(1 << 20):
                        self.wfile.write(chunk)
                return
            query = parse_qs(parts.query)
            start = int(query.get("start", ["0"])[0])
            rows = min(int(query.get("rows", ["10"])[0]), 1000)
            page = [ckan_package(templates, n) for n in range(start, min(start + rows, count))]
            data = json.dumps({"success": True, "result": {"count": count, "results": page}})
            body = data.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_file.write_text(str(httpd.server_address[1]))
    httpd.serve_forever()


# ----------------------------------------------------------------------------- child runs


def _django(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["AGORA_VAR_DIR"] = str(WORK / "var")
    os.environ["AGORA_HARVEST_ALLOW_PRIVATE_SOURCES"] = "true"
    import django

    django.setup()


def child_harvest(database_url: str, kind: str, url: str, validators: str) -> dict[str, Any]:
    _django(database_url)
    from django.core.management import call_command

    from agora.catalog.models import Organization
    from agora.catalog.tests.factories import OrganizationFactory
    from agora.core.actor import SYSTEM
    from agora.harvest import services
    from agora.harvest.models import HarvestSource
    from agora.harvest.runner import run_job

    call_command("migrate", verbosity=0)
    org = Organization.objects.filter(name="bench-harvest").first() or OrganizationFactory(
        name="bench-harvest"
    )
    name = f"bench-{kind}"
    source = HarvestSource.objects.filter(name=name).first() or services.source_create(
        actor=SYSTEM,
        draft=services.SourceDraft(
            name=name,
            url=url,
            source_type=kind,
            organization=org.name,
            config={"allow_private_network": True},
        ),
    )
    if validators == "forget":  # make the re-run read and compare every record
        HarvestSource.objects.filter(pk=source.pk).update(validators={})
    job = services.job_create(actor=SYSTEM, source=source, enqueue=False)
    started = time.perf_counter()
    finished = run_job(job.pk)
    seconds = time.perf_counter() - started
    if finished is None:
        raise SystemExit("the job was not queued")
    return {
        "seconds": seconds,
        "status": finished.status,
        "error": finished.error,
        "counts": finished.counts,
        "seen": finished.counts.get("seen", 0),
    }


def child_floor(kind: str, url: str, count: int) -> dict[str, Any]:
    """Download and decode every record, nothing else (the physical limit of the read)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import urllib.request

    started = time.perf_counter()
    seen = 0
    if kind == "datajson":
        with urllib.request.urlopen(url) as response:
            seen = len(json.loads(response.read())["dataset"])
    else:
        for start in range(0, count, 1000):
            page = f"{url}/api/3/action/package_search?rows=1000&start={start}&sort=name+asc"
            with urllib.request.urlopen(page) as response:
                seen += len(json.loads(response.read())["result"]["results"])
    return {"seconds": time.perf_counter() - started, "seen": seen, "counts": {}}


def run_child(args: list[str]) -> dict[str, Any]:
    """Run this script as a child; returns its JSON answer plus its peak RSS (MiB)."""
    process = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    if process.returncode != 0:
        raise SystemExit(f"child failed:\n{process.stderr[-4000:]}")
    result = json.loads(process.stdout.strip().splitlines()[-1])
    result["rss_mib"] = result.pop("maxrss_kib") / 1024
    return result


def child_main(argv: list[str]) -> None:
    mode, *rest = argv
    if mode == "harvest":
        result = child_harvest(*rest)
    else:
        result = child_floor(rest[0], rest[1], int(rest[2]))
    result["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))


# ----------------------------------------------------------------------------- main


def _line(label: str, result: dict[str, Any], count: int, floor: float | None) -> str:
    rate = result["seen"] / result["seconds"] if result["seconds"] else 0.0
    ratio = f"{rate / floor:6.1%} of floor" if floor else ""
    counts = ", ".join(
        f"{k} {v}" for k, v in result.get("counts", {}).items() if k not in ("requests", "bytes")
    )
    return (
        f"  {label:<34} {result['seen']:>7}/{count} in {result['seconds']:8.1f} s "
        f"= {rate:8.0f} datasets/s  peak RSS {result['rss_mib']:6.0f} MiB  {ratio}  [{counts}]"
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", type=int, default=100_000)
    parser.add_argument("--kinds", default="datajson,ckan")
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    count = options.datasets
    datajson = WORK / f"data-{count}.json"
    if not datajson.exists():
        write_datajson(datajson, count)
    port_file = WORK / "port"
    port_file.unlink(missing_ok=True)
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); "
            f"import harvest; from pathlib import Path; "
            f"harvest.serve(Path({str(port_file)!r}), Path({str(datajson)!r}), {count})",
        ]
    )
    try:
        while not port_file.exists() or not port_file.read_text():
            time.sleep(0.1)
        base = f"http://127.0.0.1:{port_file.read_text()}"
        print(f"harvest benchmark: {count} datasets, load average {os.getloadavg()[0]:.2f}")
        for kind in options.kinds.split(","):
            database = options.database_url or f"sqlite:///{WORK / f'{kind}.sqlite3'}"
            if not options.database_url:
                (WORK / f"{kind}.sqlite3").unlink(missing_ok=True)
            url = f"{base}/data.json" if kind == "datajson" else base
            floor = run_child(["floor", kind, url, str(count)])
            floor_rate = floor["seen"] / floor["seconds"]
            print(f"{kind} ({database.split(':')[0]}):")
            print(_line("floor (download + decode only)", floor, count, None))
            first = run_child(["harvest", database, kind, url, "forget"])
            print(_line("first run (all created)", first, count, floor_rate))
            again = run_child(["harvest", database, kind, url, "forget"])
            print(_line("unchanged re-run (full read)", again, count, floor_rate))
            if kind == "datajson":
                cached = run_child(["harvest", database, kind, url, "keep"])
                print(_line("unchanged re-run (ETag, 304)", cached, count, floor_rate))
            print(f"  load average now {os.getloadavg()[0]:.2f}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
