"""DuckDB work in a child process: a crash of the engine costs one ingest, never the worker.

DuckDB is native code, and an ingest feeds it files anyone may upload: a segmentation fault,
an abort or a native stack overflow inside it would otherwise kill the worker (or the web
process building a query file) with everything else it was doing. So every DuckDB call of an
ingest, and the build of a node's query file, runs in a child process of its own:

- the child is a fresh interpreter (`python -m agora.datastore.ingest.engine`, never a fork of
  the worker with its threads and database connections, and without multiprocessing's
  re-import of the parent's main script); one idle child is kept per process and reused, each
  ingest in a session of its own (a new DuckDB database with that session's limits), since
  starting Python and DuckDB costs about 0.4 s;
- the parent sends jobs over a pipe and receives progress and results; a child that dies is
  reported as `IngestFailed(code="ingest.engine_crashed")` naming the signal, and the pipeline
  treats it like any failed step (the previous version stays in service); a crashed child is
  never reused;
- DuckDB's temporary files (spilling) go to the folder the caller names, under the node's
  cache, never the current directory; a child whose parent died exits by itself;
- progress is read from the kernel's count of bytes the child has read (`/proc/self/io`),
  not by calling DuckDB's progress API from a second thread while the query runs (crashes
  of its progress reporting on CSV reads are reported upstream, duckdb/duckdb#10913; an
  earlier version of this loader did exactly that and a smoke test segfaulted in it).

The functions a child runs (`_OPS`) import nothing from Django: they only need paths, the
dialect and the fields, and return plain data.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .errors import IngestFailed

POLL_SECONDS = 0.5
Progress = Callable[[float], None]


@dataclass(frozen=True)
class EngineConfig:
    """Limits of the DuckDB database a child opens."""

    memory_limit: str
    temp_directory: Path
    threads: int | None = None


def duckdb_config(config: EngineConfig) -> dict[str, Any]:
    """DuckDB settings of a child: memory cap, spill folder under the node cache, no
    extension downloads (there is no network, and nothing is installed at run time)."""
    config.temp_directory.mkdir(parents=True, exist_ok=True)
    values: dict[str, Any] = {
        "memory_limit": config.memory_limit,
        "temp_directory": str(config.temp_directory),
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    }
    if config.threads:
        values["threads"] = config.threads
    return values


# ---------------------------------------------------------------------------- in the child


def _bytes_read() -> int | None:
    try:
        with open("/proc/self/io", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("rchar:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _with_read_progress(total: int, work: Callable[[], Any], progress: Progress) -> Any:
    """Run `work`, reporting the share of `total` bytes this process has read since."""
    start = _bytes_read()
    done = threading.Event()

    def watch() -> None:
        while start is not None and total > 0 and not done.wait(1.0):
            now = _bytes_read()
            if now is not None:
                progress(min(99.0, 100.0 * (now - start) / total))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        return work()
    finally:
        done.set()
        watcher.join(timeout=5)


def _op_sniff(connection: Any, progress: Progress, *, path: Path) -> Any:
    from . import load

    return load.sniff(connection, path)


def _op_load_csv(
    connection: Any,
    progress: Progress,
    *,
    path: Path,
    dialect: Any,
    fields: list[dict[str, Any]],
    target: Path,
) -> None:
    from . import load

    size = path.stat().st_size
    _with_read_progress(
        size, lambda: load.load_csv(connection, path, dialect, fields, target), progress
    )


def _op_load_parquet(connection: Any, progress: Progress, *, path: Path, target: Path) -> Any:
    from . import load

    return load.load_parquet(connection, path, target)


def _op_inspect(
    connection: Any, progress: Progress, *, target: Path, report: Any, after_row: int, limit: int
) -> tuple[int, Any]:
    """The row count of the written table, and the report with the type errors beyond the
    validated rows added."""
    from . import load

    rows = load.count_rows(connection, target)
    load.report_invalid(connection, target, report, after_row=after_row, limit=limit)
    return rows, report


def _op_build_native(
    connection: Any,
    progress: Progress,
    *,
    source: Path,
    target: Path,
    table: str,
    limits: EngineConfig,
) -> None:
    """A DuckDB database file holding the Parquet table with a 1-based `_id` in file order."""
    import duckdb

    from ..schema import literal, quote

    with duckdb.connect(str(target), config=duckdb_config(limits)) as out:
        out.execute(
            f"CREATE TABLE {quote(table)} AS SELECT file_row_number + 1 AS _id, "  # noqa: S608
            "* EXCLUDE (file_row_number, _invalid) "
            f"FROM read_parquet({literal(str(source))}, file_row_number=true)"
        )
        out.execute("CHECKPOINT")


_OPS: dict[str, Callable[..., Any]] = {
    "sniff": _op_sniff,
    "load_csv": _op_load_csv,
    "load_parquet": _op_load_parquet,
    "inspect": _op_inspect,
    "build_native": _op_build_native,
}


def _watch_parent(parent_pid: int) -> None:
    """Exit when the process that started this child is gone (a killed worker)."""

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(3)

    threading.Thread(target=watch, daemon=True).start()


def _answer(job: Any, state: dict[str, Any], progress: Progress) -> Any:
    import duckdb

    op, kwargs = job
    if op == "open":  # a new session: a fresh DuckDB database with the session's limits
        if state.get("connection") is not None:
            state["connection"].close()
        state["connection"] = duckdb.connect(config=duckdb_config(kwargs["config"]))
        return None
    if op == "close":
        if state.get("connection") is not None:
            state.pop("connection").close()
        return None
    if state.get("connection") is None:
        raise IngestFailed("The table engine has no open session.", code="ingest.internal")
    return _OPS[op](state["connection"], progress, **kwargs)


def serve(receive: Connection, answer: Connection, parent_pid: int) -> None:
    """The child's loop: sessions of jobs until the parent says stop or goes away."""
    _watch_parent(parent_pid)
    lock = threading.Lock()

    def send(message: tuple[Any, ...]) -> None:
        with lock:
            answer.send(message)

    state: dict[str, Any] = {}
    while True:
        try:
            job = receive.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            send(("result", _answer(job, state, lambda p: send(("progress", p)))))
        except IngestFailed as error:
            send(("error", error.code, error.message))
        except Exception as error:  # noqa: BLE001 - reported to the parent, who decides
            send(("error", "ingest.engine_error", f"{type(error).__name__}: {error}"[:500]))


# ---------------------------------------------------------------------------- in the parent


def _describe(returncode: int | None) -> str:
    if returncode is None:
        return "it did not answer"
    if returncode < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-returncode).name}"
        return f"killed by signal {-returncode}"
    return f"exit code {returncode}"


class _Child:
    """One engine process and the two pipes to it (jobs in, answers out)."""

    def __init__(self) -> None:
        jobs_read, jobs_write = os.pipe()
        answers_read, answers_write = os.pipe()
        command = [
            sys.executable,
            "-m",
            "agora.datastore.ingest.engine",
            str(jobs_read),
            str(answers_write),
            str(os.getpid()),
        ]
        try:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                command,
                pass_fds=(jobs_read, answers_write),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                start_new_session=False,
            )
        finally:
            os.close(jobs_read)
            os.close(answers_write)
        self.jobs = Connection(jobs_write, readable=False)
        self.answers = Connection(answers_read, writable=False)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.jobs.send(None)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        for end in (self.jobs, self.answers):
            with contextlib.suppress(OSError):
                end.close()


_IDLE: list[_Child] = []
_IDLE_LOCK = threading.Lock()


def _take_child() -> _Child:
    """An idle engine process of this one (starting Python and DuckDB costs ~0.4 s), or a
    new one. A child that crashed is never handed out again."""
    with _IDLE_LOCK:
        while _IDLE:
            child = _IDLE.pop()
            if child.alive():
                return child
    return _Child()


def _give_back(child: _Child) -> None:
    with _IDLE_LOCK:
        if child.alive() and not _IDLE:
            _IDLE.append(child)
            return
    child.stop()


class Engine:
    """A session of DuckDB jobs in an engine process; use as a context manager."""

    def __init__(self, config: EngineConfig) -> None:
        self.config = config
        self._child: _Child | None = None

    @property
    def _process(self) -> subprocess.Popen[bytes]:
        if self._child is None:
            raise IngestFailed("The table engine is not running.", code="ingest.internal")
        return self._child.process

    def __enter__(self) -> Engine:
        self._child = _take_child()
        try:
            self.call("open", config=self.config)
        except IngestFailed:
            self._child.stop()
            self._child = _Child()
            self.call("open", config=self.config)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        try:
            if child.alive():
                self._call(child, "close", None, {})
        except IngestFailed:
            child.stop()
            return
        _give_back(child)

    def _crashed(self, child: _Child) -> IngestFailed:
        try:
            child.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            child.process.kill()
            child.process.wait(timeout=5)
        how = _describe(child.process.returncode)
        return IngestFailed(
            f"The table engine stopped unexpectedly ({how}); nothing of this version was "
            "published.",
            code="ingest.engine_crashed",
        )

    def call(self, op: str, *, progress: Progress | None = None, **kwargs: Any) -> Any:
        """Run one job in the child and return its result (its error is raised here)."""
        if self._child is None:
            raise IngestFailed("The table engine is not running.", code="ingest.internal")
        return self._call(self._child, op, progress, kwargs)

    def _call(
        self, child: _Child, op: str, progress: Progress | None, kwargs: dict[str, Any]
    ) -> Any:
        try:
            child.jobs.send((op, kwargs))
        except (OSError, ValueError) as error:
            raise self._crashed(child) from error
        while True:
            if not child.answers.poll(POLL_SECONDS):
                if not child.alive() and not child.answers.poll(0):
                    raise self._crashed(child)
                continue
            try:
                message = child.answers.recv()
            except (EOFError, OSError) as error:
                raise self._crashed(child) from error
            kind = message[0]
            if kind == "progress":
                if progress is not None:
                    progress(float(message[1]))
            elif kind == "result":
                return message[1]
            else:
                raise IngestFailed(message[2], code=message[1])


def run_one(config: EngineConfig, op: str, **kwargs: Any) -> Any:
    """One job in a session of its own."""
    with Engine(config) as engine:
        return engine.call(op, **kwargs)


if __name__ == "__main__":
    serve(
        Connection(int(sys.argv[1]), writable=False),
        Connection(int(sys.argv[2]), readable=False),
        int(sys.argv[3]),
    )
