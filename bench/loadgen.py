"""Drive `wrk` and read its report: requests per second, p50 and p99 latency, errors.

wrk (Debian package `wrk`) is used rather than a Python client because a Python load generator
on the same 2 cores would measure itself as much as the servers. Only the figures are parsed;
the raw report is kept so a surprising number can be checked by eye.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass

INSTALL_HINT = "wrk is not installed: run `apt-get install -y wrk` (Debian/Ubuntu) and retry."

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_PERCENTILE = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit(INSTALL_HINT)
    return path


@dataclass(frozen=True)
class WrkResult:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int
    load_before: str
    raw: str

    @property
    def clean(self) -> bool:
        """Every answer was a 2xx/3xx and no socket failed: the figure measures real work."""
        return self.non_2xx == 0 and self.socket_errors == 0


def parse(report: str, load_before: str = "") -> WrkResult:
    percentiles = {p: float(v) * _UNITS_MS[u] for p, v, u in _PERCENTILE.findall(report)}
    rps = _RPS.search(report)
    total = _TOTAL.search(report)
    if rps is None or total is None or "50" not in percentiles or "99" not in percentiles:
        raise ValueError(f"cannot read this wrk report:\n{report}")
    non_2xx = _NON_2XX.search(report)
    sockets = _SOCKET.search(report)
    return WrkResult(
        rps=float(rps.group(1)),
        p50_ms=percentiles["50"],
        p99_ms=percentiles["99"],
        requests=int(total.group(1)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
        load_before=load_before,
        raw=report,
    )


def run(
    url: str, *, duration: float, connections: int, threads: int = 2, load_before: str = ""
) -> WrkResult:
    """One wrk run: `wrk -t<threads> -c<connections> -d<duration>s --latency <url>`."""
    command = [
        require_wrk(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration:g}s",
        "--latency",
        url,
    ]
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed: {completed.stderr or completed.stdout}")
    return parse(completed.stdout, load_before)


@dataclass(frozen=True)
class Summary:
    """The median of several runs, metric by metric (each median taken on its own)."""

    rps: float
    p50_ms: float
    p99_ms: float
    runs: tuple[WrkResult, ...]

    @property
    def clean(self) -> bool:
        return all(r.clean for r in self.runs)


def summarise(runs: list[WrkResult]) -> Summary:
    return Summary(
        rps=statistics.median(r.rps for r in runs),
        p50_ms=statistics.median(r.p50_ms for r in runs),
        p99_ms=statistics.median(r.p99_ms for r in runs),
        runs=tuple(runs),
    )
