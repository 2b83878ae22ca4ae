"""Process plumbing shared by the benchmarks: start servers, wait for them, stop them all.

Why a module of its own: a benchmark that leaves a gunicorn or a Redis behind spoils the next
run (and the machine of whoever ran it). Every long-running child is started in its own process
group and registered here, so one `stop_all()` in a `finally` block ends the children *and*
their children (gunicorn workers), even after Ctrl+C.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


class BenchError(RuntimeError):
    """A step failed; the message says which and where its log is."""


def free_port() -> int:
    """A TCP port nobody listens on right now (the kernel picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def loadavg() -> str:
    """The 1/5/15-minute load averages: the machine is shared, so every run records them."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def _stat_fields(pid: int) -> list[str] | None:
    """/proc/<pid>/stat after the command name (which may contain spaces and parentheses)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def group_pids(pgid: int) -> list[int]:
    """Every live process of a process group (a server and its workers)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields is not None and int(fields[2]) == pgid:
                pids.append(int(entry.name))
    return pids


def cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU time used so far by these processes.

    Why: on a shared machine req/s moves with other people's load, but the CPU a server burns
    per request hardly does, so it gives a second, steadier comparison.
    """
    ticks = 0
    for pid in pids:
        fields = _stat_fields(pid)
        if fields is not None:
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def run_logged(
    command: Sequence[str | Path],
    *,
    log: Path,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    what: str = "",
    timeout: float | None = None,
) -> str:
    """Run a command to completion, appending its output to `log`; return its stdout.

    Stdout is returned for the caller to parse (a token, a version); stderr goes to the log
    only. A failure raises BenchError naming the log, not a 200-line traceback.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a") as handle:
        handle.write(f"\n$ {' '.join(str(c) for c in command)}\n")
        handle.flush()
        result = subprocess.run(
            [str(c) for c in command],
            env=dict(env) if env is not None else None,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=handle,
            text=True,
            timeout=timeout,
        )
        handle.write(result.stdout)
    if result.returncode != 0:
        raise BenchError(f"{what or command[0]} failed (exit {result.returncode}); see {log}")
    return result.stdout


@dataclass
class Processes:
    """The long-running children of this benchmark, each the leader of its own process group."""

    children: list[tuple[str, subprocess.Popen[bytes]]] = field(default_factory=list)

    def start(
        self,
        name: str,
        command: Sequence[str | Path],
        *,
        log: Path,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> subprocess.Popen[bytes]:
        log.parent.mkdir(parents=True, exist_ok=True)
        handle = log.open("ab")
        process = subprocess.Popen(
            [str(c) for c in command],
            env=dict(env) if env is not None else None,
            cwd=cwd,
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            # A new session: Ctrl+C in the terminal reaches only us, and we stop the whole
            # group (server + its workers) ourselves, in order.
            start_new_session=True,
        )
        handle.close()
        self.children.append((name, process))
        return process

    def stop(self, process: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
        """SIGTERM the child's process group, then SIGKILL whatever is left after `timeout`."""
        if process.poll() is None:
            _signal_group(process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=timeout)
        # The leader may be gone while its workers linger: kill the group regardless.
        _signal_group(process.pid, signal.SIGKILL)
        if process.poll() is None:
            process.wait(timeout=5)
        self.children = [(n, p) for n, p in self.children if p is not process]

    def stop_all(self) -> None:
        for _, process in reversed(list(self.children)):
            try:
                self.stop(process)
            except Exception as error:  # noqa: BLE001 - keep stopping the others
                print(f"warning: could not stop pid {process.pid}: {error}")


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def wait_http(
    url: str, *, process: subprocess.Popen[bytes], log: Path, timeout: float = 120.0
) -> None:
    """Poll `url` until it answers 200, failing fast if the server process died."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"server exited with {process.returncode} while starting; see {log}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            last = f"HTTP {error.code}"
        except (urllib.error.URLError, OSError) as error:
            last = str(error)
        time.sleep(0.3)
    raise BenchError(f"{url} did not answer within {timeout:.0f} s ({last}); see {log}")


def http_status(url: str) -> int:
    """The HTTP status of a GET (errors included), for the 'does this peer answer?' probes."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def install_signal_handlers() -> None:
    """Turn SIGINT, SIGTERM and SIGHUP into KeyboardInterrupt so `finally` blocks still run.

    SIGINT is set explicitly: a shell starting us in the background (`... &`) leaves it
    ignored, and then neither Ctrl+C nor `kill -INT` would stop and clean up the benchmark.
    """

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGHUP, interrupt)
