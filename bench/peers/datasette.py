"""Datasette as the search benchmark's peer: faceted full-text search over the same records.

Installed with sqlite-utils in a throwaway venv under bench/work/venvs (never in Agora's).
The records are written by bench/search_data.py into a plain table; sqlite-utils then adds
the FTS5 index and the B-tree indexes on the facet columns, as its documentation recommends
for faceted search. Datasette serves the file immutable (`-i`, what `datasette publish`
does), with suggested facets off and time limits raised so that every query completes
instead of being cut short (Datasette's defaults stop a query after 1 s and a facet after
200 ms, which would report failures rather than latencies at a million rows); see
TIME_LIMIT_MS for the limit that remains.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from harness import BenchError, Processes, run_logged, wait_http

PACKAGES = ["datasette>=0.65,<1", "sqlite-utils>=3.38,<5"]
# Datasette stops each SQL query of a request (the page, the count, each facet) after this
# long. Its defaults (1 s, 200 ms) would turn most large queries into errors; without a limit
# a run at two million rows takes many hours. A request that hit the limit (a facet given up,
# or an error answer) is counted as such: its latency is a lower bound of Datasette's.
TIME_LIMIT_MS = 5_000
FACETS = "organization&_facet_array=tags&_facet_array=res_format&_facet=license_id&_facet=country"


@dataclass
class DatasettePeer:
    venvs: Path
    log: Path

    @property
    def venv(self) -> Path:
        return self.venvs / "datasette"

    def command(self, name: str) -> Path:
        return self.venv / "bin" / name

    def install(self) -> str:
        if not self.command("datasette").exists():
            self.venv.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([sys.executable, "-m", "venv", str(self.venv)], check=True)
            pip = [self.command("python"), "-m", "pip", "install", "-q"]
            run_logged([*pip, "--upgrade", "pip"], log=self.log, what="pip (datasette venv)")
            run_logged([*pip, *PACKAGES], log=self.log, what="pip install datasette")
        version = run_logged([self.command("datasette"), "--version"], log=self.log)
        return version.strip()

    def index(self, database: Path) -> None:
        """FTS5 over title and notes, B-tree indexes on the scalar facet columns."""
        tool = self.command("sqlite-utils")
        run_logged(
            [tool, "enable-fts", database, "datasets", "title", "notes", "--fts5"],
            log=self.log,
            what="sqlite-utils enable-fts",
        )
        for column in ("organization", "license_id", "country"):
            run_logged(
                [tool, "create-index", database, "datasets", column],
                log=self.log,
                what="sqlite-utils create-index",
            )

    def serve(self, processes: Processes, database: Path, port: int) -> subprocess.Popen[bytes]:
        settings = {
            "suggest_facets": "off",
            "sql_time_limit_ms": str(TIME_LIMIT_MS),
            "facet_time_limit_ms": str(TIME_LIMIT_MS),
            "default_facet_size": "10",
            "max_returned_rows": "1000",
        }
        command: list[str | Path] = [self.command("datasette"), "serve", "-i", database]
        for name, value in settings.items():
            command += ["--setting", name, value]
        command += ["-h", "127.0.0.1", "-p", str(port)]
        process = processes.start("datasette", command, log=self.log)
        try:
            wait_http(f"http://127.0.0.1:{port}/-/versions.json", process=process, log=self.log)
        except BenchError:
            processes.stop(process)
            raise
        return process
