"""Agora as a benchmark peer: a fresh instance in the work folder, served like production.

A fresh `AGORA_VAR_DIR` (never the developer's `var/`) so the figures come from exactly the demo
catalogue `agora setup` loads, and so the run cannot damage anyone's data. It is served with
`agora serve` — the command users run — with DEBUG off and no task worker (the worker would
compete for the same two cores while measuring nothing).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from harness import BenchError, Processes, run_logged, wait_http

REPO = Path(__file__).resolve().parents[2]


def agora_command() -> Path:
    """The `agora` console script of the virtualenv running this benchmark."""
    beside = Path(sys.executable).parent / "agora"
    if beside.exists():
        return beside
    found = shutil.which("agora")
    if found is None:
        raise BenchError("the `agora` command was not found: run this with Agora's virtualenv")
    return Path(found)


@dataclass
class AgoraPeer:
    work: Path
    port: int
    workers: int = 2

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def var_dir(self) -> Path:
        return self.work / "agora-var"

    @property
    def log(self) -> Path:
        return self.work / "logs" / "agora.log"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AGORA_", "DJANGO_"))}
        env.update(
            AGORA_VAR_DIR=str(self.var_dir),
            AGORA_DEBUG="0",
            AGORA_SITE_URL=self.url,
            DATABASE_URL=f"sqlite:///{self.var_dir / 'agora.sqlite3'}",
        )
        return env

    def setup(self) -> tuple[float, str]:
        """`agora setup`: migrate and load the demo catalogue. Returns (seconds, its summary)."""
        if self.var_dir.exists():
            shutil.rmtree(self.var_dir)
        self.var_dir.mkdir(parents=True)
        started = time.monotonic()
        try:
            output = run_logged(
                [agora_command(), "setup"],
                log=self.log,
                env=self.environment(),
                cwd=REPO,
                what="agora setup",
            )
        except BenchError as error:
            if "agora.catalog.demo" in self.log.read_text(errors="replace"):
                raise BenchError(
                    f"{error}: the demo loader (agora/catalog/demo) is missing or broken"
                ) from None
            raise
        return time.monotonic() - started, output.strip()

    def serve(self, processes: Processes) -> subprocess.Popen[bytes]:
        """`agora serve --no-worker --workers N --bind 127.0.0.1:PORT`, ready when it answers."""
        command = [
            agora_command(),
            "serve",
            "--no-worker",
            "--workers",
            str(self.workers),
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        process = processes.start("agora", command, log=self.log, env=self.environment(), cwd=REPO)
        wait_http(f"{self.url}/api/3/action/status_show", process=process, log=self.log)
        return process
