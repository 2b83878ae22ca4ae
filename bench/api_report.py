"""The figures of `bench/api.py` as Markdown, ready to paste into docs/performance.md.

Kept apart from the orchestration so the shape of the published table can be read (and
changed) without reading process management. Every cell says what it is: a median figure, or
why there is none ("fails without Solr (HTTP 500)"), never an empty cell.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import loadgen

GOAL = 10.0  # the goal: Agora's package_show at least 10x CKAN's throughput


@dataclass
class Row:
    """One request measured on every peer: a label for the table and the URL path."""

    label: str
    path: str
    status: dict[str, int] = field(default_factory=dict)
    size: dict[str, int] = field(default_factory=dict)
    runs: dict[str, list[loadgen.WrkResult]] = field(default_factory=dict)
    cpu_ms: dict[str, list[float]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.label.split("?")[0]

    def measurable(self, peer: str) -> bool:
        return self.status.get(peer) == 200

    def summary(self, peer: str) -> loadgen.Summary | None:
        runs = self.runs.get(peer)
        return loadgen.summarise(runs) if runs else None

    def cpu(self, peer: str) -> float | None:
        values = self.cpu_ms.get(peer)
        return statistics.median(values) if values else None


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _rps(value: float) -> str:
    return f"{value:.1f}" if value < 1000 else f"{value:.0f}"


def _cells(row: Row, peer: str) -> list[str]:
    """req/s, p50 / p99 and CPU ms/request for one peer, or why there is no figure."""
    if peer not in row.status:
        return ["not run", "—", "—"]
    if not row.measurable(peer):
        status = row.status[peer]
        reason = f"fails without Solr (HTTP {status})" if peer == "ckan" else f"HTTP {status}"
        return [f"{'CKAN' if peer == 'ckan' else 'Agora'}: {reason}", "—", "—"]
    summary = row.summary(peer)
    if summary is None:
        return ["no run", "—", "—"]
    cpu = row.cpu(peer)
    return [
        _rps(summary.rps) + ("" if summary.clean else " (errors!)"),
        f"{_ms(summary.p50_ms)} / {_ms(summary.p99_ms)}",
        f"{cpu:.1f}" if cpu is not None else "—",
    ]


def _ratio(row: Row) -> str:
    agora, ckan = row.summary("agora"), row.summary("ckan")
    if not (agora and ckan and row.measurable("ckan")):
        return "—"
    return f"**{agora.rps / ckan.rps:.1f}x**"


def table(rows: list[Row], peers: list[str], ckan_version: str) -> list[str]:
    names = {"agora": "Agora", "ckan": f"CKAN {ckan_version}"}
    header = "| Request |"
    rule = "|---|"
    for peer in peers:
        header += f" {names[peer]} req/s | {names[peer]} p50 / p99 ms | {names[peer]} CPU ms/req |"
        rule += "---:|---:|---:|"
    if "ckan" in peers:
        header += " Agora/CKAN req/s |"
        rule += "---:|"
    lines = [header, rule]
    for row in rows:
        line = f"| `{row.label}` |" + "".join(f" {c} |" for p in peers for c in _cells(row, p))
        if "ckan" in peers:
            line += f" {_ratio(row)} |"
        lines.append(line)
    return lines


def runs_table(rows: list[Row], peers: list[str]) -> list[str]:
    """Every run's req/s and the load before it, so the noise behind a median is visible."""
    lines = [
        "| Request | Peer | req/s per run | server CPU ms/req per run | load before each run |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        for peer in peers:
            runs = row.runs.get(peer, [])
            if runs:
                rates = " / ".join(_rps(r.rps) for r in runs)
                cpus = " / ".join(f"{c:.1f}" for c in row.cpu_ms.get(peer, []))
                loads = " ; ".join(r.load_before for r in runs)
                lines.append(f"| `{row.name}` | {peer} | {rates} | {cpus} | {loads} |")
    return lines


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return f"{cpu}, {os.cpu_count()} cores"


def git_revision(repo: Path) -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True)
        return done.stdout.strip()

    revision = git("rev-parse", "--short", "HEAD") or "unknown"
    return revision + (" + uncommitted changes" if git("status", "--porcelain", "agora") else "")


def goal_line(rows: list[Row], workers: int) -> str:
    show = rows[0]
    agora, ckan = show.summary("agora"), show.summary("ckan")
    if not (agora and ckan):
        return "Goal (package_show >= 10x CKAN): not assessed (CKAN was not measured)."
    verdict = "MET" if agora.rps >= GOAL * ckan.rps else "NOT met"
    line = (
        f"Goal (Agora package_show >= {GOAL:g}x CKAN's throughput, both on {workers} worker "
        f"processes): {verdict} — {_rps(agora.rps)} vs {_rps(ckan.rps)} req/s = "
        f"{agora.rps / ckan.rps:.1f}x ({GOAL:g}x would be {_rps(GOAL * ckan.rps)} req/s)."
    )
    agora_cpu, ckan_cpu = show.cpu("agora"), show.cpu("ckan")
    if agora_cpu and ckan_cpu:
        line += (
            f" By server CPU per request ({_ms(agora_cpu)} vs {_ms(ckan_cpu)} ms), "
            f"Agora is {ckan_cpu / agora_cpu:.1f}x as efficient."
        )
    return line


def markdown(
    rows: list[Row],
    *,
    peers: list[str],
    ckan_version: str,
    method: str,
    command: str,
    notes: list[str],
) -> str:
    lines = [
        f"{method} {machine()}; {dt.datetime.now(dt.UTC):%Y-%m-%d}.",
        "",
        *table(rows, peers, ckan_version),
        "",
        f"Command: `{command}`",
        "",
        *[f"- {note}" for note in notes],
        "",
        "Runs (noise check):",
        "",
        *runs_table(rows, peers),
    ]
    return "\n".join(lines)


def save(folder: Path, text: str, rows: list[Row]) -> Path:
    """The Markdown plus every raw wrk report, under bench/work/results (kept between runs)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    (folder / f"api-{stamp}.md").write_text(text + "\n")
    raw = {
        row.label: {
            "status": row.status,
            "bytes": row.size,
            "cpu_ms_per_request": row.cpu_ms,
            "runs": {p: [r.raw for r in runs] for p, runs in row.runs.items()},
        }
        for row in rows
    }
    (folder / f"api-{stamp}.json").write_text(json.dumps(raw, indent=1))
    return folder / f"api-{stamp}.md"
