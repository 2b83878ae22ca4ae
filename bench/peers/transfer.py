"""Copy Agora's catalogue into CKAN with ckanapi, the tool CKAN sites use to move catalogues.

Both directions go through the CKAN Action API over HTTP, so the copy also exercises Agora's
compatibility layer: `ckanapi dump` reads Agora, `ckanapi load` writes CKAN (with the seeding
plugin on). The records are adapted in between by `ckan_records`.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness import BenchError, run_logged

from .ckan_records import Changes, dataset_record, organization_record, theme_groups


def ckanapi_command() -> Path:
    beside = Path(sys.executable).parent / "ckanapi"
    if beside.exists():
        return beside
    found = shutil.which("ckanapi")
    if found is None:
        raise BenchError("ckanapi is missing: `pip install ckanapi` in Agora's virtualenv")
    return Path(found)


def _environment() -> dict[str, str]:
    # `ckanapi -p N` starts its worker processes by name, so its folder must be on PATH.
    env = dict(os.environ)
    env["PATH"] = f"{ckanapi_command().parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))


@dataclass
class Dump:
    organizations: list[dict[str, Any]]
    datasets: list[dict[str, Any]]


def dump(agora_url: str, folder: Path, log: Path) -> Dump:
    """`ckanapi dump organizations|datasets --all` from Agora (public, active records)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for kind in ("organizations", "datasets"):
        files[kind] = folder / f"agora-{kind}.jsonl"
        run_logged(
            [
                ckanapi_command(),
                "dump",
                kind,
                "--all",
                "-q",
                "-p",
                "2",
                "-r",
                agora_url,
                "-O",
                files[kind],
            ],
            log=log,
            env=_environment(),
            what=f"ckanapi dump {kind}",
        )
    return Dump(_read_jsonl(files["organizations"]), _read_jsonl(files["datasets"]))


def load(ckan_url: str, token: str, source: Dump, folder: Path, log: Path) -> Changes:
    """`ckanapi load` organizations, theme groups, then datasets into CKAN; fail on any error."""
    changes = Changes()
    folder.mkdir(parents=True, exist_ok=True)
    batches = {
        "organizations": [organization_record(o, changes) for o in source.organizations],
        "groups": theme_groups(source.datasets),
        "datasets": [dataset_record(d, changes) for d in source.datasets],
    }
    for kind, records in batches.items():
        if not records:
            continue
        path = folder / f"ckan-{kind}.jsonl"
        _write_jsonl(path, records)
        report = folder / f"ckan-{kind}.log"
        run_logged(
            [
                ckanapi_command(),
                "load",
                kind,
                "-I",
                path,
                "-p",
                "2",
                "-q",
                "-l",
                report,
                "-r",
                ckan_url,
                "-a",
                token,
            ],
            log=log,
            env=_environment(),
            what=f"ckanapi load {kind}",
        )
        _check_load_report(kind, report, expected=len(records))
    return changes


def _check_load_report(kind: str, report: Path, *, expected: int) -> None:
    """ckanapi logs `[time, line, action, error, detail]` per record; any error fails the run."""
    lines = [json.loads(x) for x in report.read_text().splitlines() if x.strip()]
    failed = [x for x in lines if x[3] is not None or x[2] not in ("create", "update")]
    if failed or len(lines) != expected:
        raise BenchError(
            f"ckanapi load {kind}: {len(lines) - len(failed)}/{expected} loaded; "
            f"first problem: {failed[0] if failed else 'records missing'} (see {report})"
        )
