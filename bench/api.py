"""Agora vs CKAN 2.12 on the CKAN Action API: throughput and latency, side by side, in one run.

Why this shape: the machine the figures come from is shared and noisy, so both peers are
measured in the same run, interleaved (Agora, CKAN, Agora, CKAN, ...), each figure is the
median of several `wrk` runs, and the load average is recorded before every run. The CPU the
servers burn per request (gunicorn workers, plus CKAN's PostgreSQL backends) is recorded too:
it moves much less with other people's load than req/s does. Both peers get the same data
(Agora's demo catalogue, copied into CKAN with ckanapi), the same server (gunicorn, same flags)
and the same number of worker processes.

    .venv/bin/python bench/api.py                 # the whole comparison (5-10 minutes)
    .venv/bin/python bench/api.py --skip-ckan     # Agora only
    .venv/bin/python bench/api.py --runs 5 --duration 20 --keep

Measured per peer: `package_show` of one demo dataset (by name), `status_show` and a faceted
`package_search`. Without Solr (none can be installed here) CKAN cannot search: that row is
still tried and reported as a failure, never left out. Everything the benchmark starts is
stopped at the end, Ctrl+C included; `--keep` leaves the work folder (bench/work/api) for
inspection. shared/research/peers-on-this-machine.md explains how CKAN behaves here.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import shutil
import signal
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import api_report
import loadgen
from api_report import Row
from harness import (
    BenchError,
    Processes,
    cpu_seconds,
    free_port,
    group_pids,
    http_status,
    install_signal_handlers,
    loadavg,
)
from peers import transfer
from peers.agora import REPO, AgoraPeer
from peers.ckan import CKAN_VERSION, CkanPeer

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "work" / "api"
RESULTS = BENCH / "work" / "results"
VENVS = BENCH / "work" / "venvs"
FACETS = '["organization","tags","res_format"]'


@dataclass(frozen=True)
class Target:
    """A running peer: its base URL and how to find the processes doing its work."""

    name: str
    url: str
    pids: Callable[[], list[int]]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per URL and peer (3)")
    parser.add_argument("--duration", type=float, default=10, help="seconds per wrk run (10)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--warmup", type=float, default=3, help="warm-up seconds per URL (3)")
    parser.add_argument("--workers", type=int, default=2, help="server processes per peer (2)")
    parser.add_argument("--query", default="population", help="package_search q (population)")
    parser.add_argument("--dataset", help="dataset name for package_show (default: a typical one)")
    parser.add_argument("--skip-ckan", action="store_true", help="measure Agora only")
    parser.add_argument("--keep", action="store_true", help="leave bench/work/api for inspection")
    parser.add_argument(
        "--agora-only-setup",
        action="store_true",
        help="only run `agora setup` into bench/work/api, report it and stop (implies --keep)",
    )
    return parser.parse_args(argv)


def command_line() -> str:
    python = Path(sys.executable)
    with contextlib.suppress(ValueError):
        python = python.relative_to(REPO)
    script = Path(__file__).resolve().relative_to(REPO)
    return " ".join([str(python), str(script), *sys.argv[1:]])


def step(message: str) -> None:
    print(f"[{dt.datetime.now().astimezone():%H:%M:%S}] {message}", flush=True)


# ----------------------------------------------------------------------------- preparing


def typical_dataset(datasets: list[dict[str, Any]]) -> dict[str, Any]:
    """The dataset of median JSON size among those with resources: neither a stub nor the
    largest record, so `package_show` measures a typical answer."""
    candidates = [d for d in datasets if d.get("resources")] or datasets
    if not candidates:
        raise BenchError("the Agora catalogue is empty: nothing to measure")
    ranked = sorted(candidates, key=lambda d: (len(json.dumps(d)), d["name"]))
    return ranked[len(ranked) // 2]


def build_rows(dataset_name: str, query: str) -> list[Row]:
    search = urllib.parse.urlencode({"q": query, "rows": 10, "facet.field": FACETS})
    return [
        Row(f"package_show?id={dataset_name}", f"/api/3/action/package_show?id={dataset_name}"),
        Row("status_show", "/api/3/action/status_show"),
        Row(
            f"package_search?q={query}&rows=10&facet.field={FACETS}",
            f"/api/3/action/package_search?{search}",
        ),
    ]


def start_agora(
    options: argparse.Namespace, processes: Processes
) -> tuple[Target, transfer.Dump, dict[str, Any]] | None:
    """`agora setup` into the work folder, serve it, dump it; None with --agora-only-setup."""
    agora = AgoraPeer(work=WORK, port=free_port(), workers=options.workers)
    seconds, summary = agora.setup()
    summary = "; ".join(" ".join(line.split()) for line in summary.splitlines() if line.strip())
    step(f"Agora: `agora setup` (migrate + demo catalogue) in {seconds:.1f} s: {summary}")
    if options.agora_only_setup:
        print(f"Agora instance left in {agora.var_dir} (AGORA_VAR_DIR); nothing else was run.")
        return None
    server = agora.serve(processes)
    step(f"Agora: serving at {agora.url} (`agora serve --no-worker --workers {agora.workers}`)")
    dump = transfer.dump(agora.url, WORK / "dumps", agora.log)
    if options.dataset:
        dataset = next((d for d in dump.datasets if d["name"] == options.dataset), None)
        if dataset is None:
            raise BenchError(f"no public dataset named {options.dataset!r} in the demo catalogue")
    else:
        dataset = typical_dataset(dump.datasets)
    step(
        f"Agora: {len(dump.organizations)} organizations, {len(dump.datasets)} public datasets "
        f"dumped with ckanapi; package_show uses {dataset['name']!r} "
        f"({len(dataset['resources'])} resources, {len(dataset['tags'])} tags)"
    )
    return Target("agora", agora.url, lambda: group_pids(server.pid)), dump, dataset


def start_ckan(
    options: argparse.Namespace, processes: Processes, dump: transfer.Dump
) -> tuple[Target, list[str]]:
    """Install, configure, seed (plugin on), restart stock (plugin off). Returns the changes
    made to Agora's records so that stock CKAN accepts them."""
    ckan = CkanPeer(
        work=WORK / "ckan",
        venvs=VENVS,
        port=free_port(),
        redis_port=free_port(),
        workers=options.workers,
    )
    step(f"CKAN {CKAN_VERSION}: {ckan.install()}")
    ckan.configure()
    ckan.prepare_database()
    token = ckan.init_database()
    step(f"CKAN: database {ckan.database} initialised, sysadmin and API token created")
    step(f"CKAN: {ckan.start_redis(processes)}")
    seeding = ckan.serve(processes, seeding=True)
    started = time.monotonic()
    changes = transfer.load(ckan.url, token, dump, ckan.work / "dumps", ckan.log)
    step(
        f"CKAN: loaded {len(dump.organizations)} organizations and {len(dump.datasets)} "
        f"datasets with ckanapi in {time.monotonic() - started:.1f} s (seeding plugin on)"
    )
    processes.stop(seeding)
    server = ckan.serve(processes, seeding=False)
    step(f"CKAN: restarted WITHOUT the seeding plugin: gunicorn, {ckan.workers} workers")
    target = Target("ckan", ckan.url, lambda: group_pids(server.pid) + ckan.database_backends())
    return target, changes.lines()


# ----------------------------------------------------------------------------- measuring


def probe(rows: list[Row], targets: list[Target]) -> None:
    """One plain GET per URL and peer: the status decides whether wrk runs at all (a 500 page
    served fast is not throughput), the size and counts show whether the answers compare."""
    for row in rows:
        for target in targets:
            status = row.status[target.name] = http_status(target.url + row.path)
            detail = ""
            if status == 200:
                with urllib.request.urlopen(target.url + row.path, timeout=30) as response:
                    body = response.read()
                row.size[target.name] = len(body)
                result = json.loads(body)["result"]
                if row.name == "package_show":
                    detail = f" ({result['num_resources']} resources, {result['num_tags']} tags)"
                elif row.name == "package_search":
                    detail = f" (count {result['count']}, {len(result['results'])} results)"
            size = row.size.get(target.name, 0)
            print(f"  {target.name:<6} HTTP {status} {size:>7} bytes  {row.name}{detail}")


def timed_run(row: Row, target: Target, options: argparse.Namespace) -> loadgen.WrkResult:
    """One wrk run, with the load before it and the server CPU it cost per request."""
    load = loadavg()
    pids = target.pids()
    cpu_before = cpu_seconds(pids)
    result = loadgen.run(
        target.url + row.path,
        duration=options.duration,
        connections=options.connections,
        threads=options.threads,
        load_before=load,
    )
    cpu_ms = (cpu_seconds(pids) - cpu_before) * 1000 / max(result.requests, 1)
    row.runs.setdefault(target.name, []).append(result)
    row.cpu_ms.setdefault(target.name, []).append(cpu_ms)
    return result


def measure(rows: list[Row], targets: list[Target], options: argparse.Namespace) -> None:
    """Warm every URL up, then the timed runs, interleaving the peers run by run."""
    for row in rows:
        for target in targets:
            if row.measurable(target.name):
                loadgen.run(
                    target.url + row.path,
                    duration=options.warmup,
                    connections=options.connections,
                    threads=options.threads,
                )
    for run in range(1, options.runs + 1):
        for row in rows:
            for target in targets:
                if not row.measurable(target.name):
                    continue
                result = timed_run(row, target, options)
                flag = "" if result.clean else f"  ERRORS: {result.non_2xx} non-2xx"
                print(
                    f"  run {run}/{options.runs} {target.name:<5} {result.rps:>8.1f} req/s  "
                    f"p50 {result.p50_ms:>7.1f} ms  p99 {result.p99_ms:>7.1f} ms  "
                    f"cpu {row.cpu_ms[target.name][-1]:>5.1f} ms/req  "
                    f"load {result.load_before}  {row.name}{flag}",
                    flush=True,
                )


# ----------------------------------------------------------------------------- main


def notes_for(rows: list[Row], targets: list[Target], changes: list[str]) -> list[str]:
    notes = [
        f"Agora {api_report.git_revision(REPO)}: fresh `agora setup` demo catalogue, DEBUG off, "
        "SQLite in-process; `agora serve` = gunicorn sync workers, access log to a file.",
    ]
    if any(t.name == "ckan" for t in targets):
        notes.append(
            f"CKAN {CKAN_VERSION}: stock (no plugins), same gunicorn flags, PostgreSQL 15 on "
            "127.0.0.1, private Redis, no Solr (nothing listens at solr_url): its package_show "
            "tries Solr, then reads PostgreSQL. CKAN's CPU includes its PostgreSQL backends."
        )
        notes.append("To make stock CKAN accept Agora's dump: " + "; ".join(changes) + ".")
    notes.append(
        "CPU ms/req = user+system CPU of the server processes during the run / requests "
        "served (steadier than req/s on a shared machine). Response bytes: "
        + "; ".join(
            f"{r.name} " + " / ".join(f"{t.name} {r.size.get(t.name, '-')}" for t in targets)
            for r in rows
        )
        + "."
    )
    return notes


def run(options: argparse.Namespace, processes: Processes) -> None:
    loadgen.require_wrk()
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    started = start_agora(options, processes)
    if started is None:
        return
    agora, dump, dataset = started
    targets, changes = [agora], []
    if not options.skip_ckan:
        ckan, changes = start_ckan(options, processes, dump)
        targets.append(ckan)
    rows = build_rows(dataset["name"], options.query)
    step("Probing each URL once (status, response size):")
    probe(rows, targets)
    step(f"Measuring: warm-up {options.warmup:g} s per URL, then {options.runs} runs each")
    measure(rows, targets, options)
    wrk = f"wrk -t{options.threads} -c{options.connections} -d{options.duration:g}s --latency"
    text = api_report.markdown(
        rows,
        peers=[t.name for t in targets],
        ckan_version=CKAN_VERSION,
        method=(
            f"Median of {options.runs} runs of `{wrk}` per URL and peer, after a "
            f"{options.warmup:g} s warm-up, peers interleaved run by run; loopback; both served "
            f"by gunicorn with {options.workers} worker processes;"
        ),
        command=command_line(),
        notes=notes_for(rows, targets, changes),
    )
    text += "\n\n" + api_report.goal_line(rows, options.workers)
    print("\n" + "=" * 100 + "\n" + text)
    print(f"\n(saved with the raw wrk reports to {api_report.save(RESULTS, text, rows)})")


def cleanup(processes: Processes, options: argparse.Namespace) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C must not stop the cleanup
    processes.stop_all()
    keep = options.keep or options.agora_only_setup
    has_ckan = (WORK / "ckan" / "ckan.ini").exists()
    if has_ckan and not keep:
        try:
            CkanPeer(work=WORK / "ckan", venvs=VENVS, port=0, redis_port=0).drop_database()
        except BenchError as error:
            print(f"warning: {error}")
    if keep:
        print(f"work folder kept: {WORK} (servers stopped; logs in {WORK / 'logs'})")
        if has_ckan:
            print(
                "CKAN database kept: `psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE "
                "ckan_bench'` drops it"
            )
    elif WORK.exists():
        shutil.rmtree(WORK, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    install_signal_handlers()
    processes = Processes()
    try:
        run(options, processes)
    except BenchError as error:
        print(f"\nbenchmark failed: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ninterrupted: stopping everything this benchmark started", file=sys.stderr)
        return 130
    finally:
        cleanup(processes, options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
