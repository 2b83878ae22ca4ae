"""Real Agora servers in subprocesses, for end-to-end tests marked `@pytest.mark.live`.

Each `LiveInstance` gets its own var dir and its own database on the engine the test run uses
(a SQLite file in its var dir, or a throwaway PostgreSQL database created here and dropped on
exit). It is set up with `agora setup --no-demo`, given a sysadmin with `agora createadmin`
(whose token is kept), and served with `agora serve` in its own process group, so that stopping
it kills gunicorn and its workers too. Anything that goes wrong raises `LiveError` with the
output of the command or the server log, so a failing test says why.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import LiteralString
from urllib.parse import urlsplit, urlunsplit

REPO_ROOT = Path(__file__).resolve().parents[3]
BIN_DIR = Path(sys.executable).parent
AGORA = BIN_DIR / "agora"
CKANAPI = BIN_DIR / "ckanapi"
POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql")
COMMAND_TIMEOUT = 120
READY_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
TOKEN = re.compile(r"API token \(shown once\): (\S+)")


class LiveError(AssertionError):
    """A live server or client could not do its part (shown as a test failure)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def client_env() -> dict[str, str]:
    """The environment for client commands: our virtualenv first on PATH (ckanapi dump and
    load start `ckanapi` worker processes by name)."""
    env = dict(os.environ)
    env["PATH"] = f"{BIN_DIR}{os.pathsep}{env.get('PATH', '')}"
    return env


def run(
    args: Sequence[str | Path], *, env: dict[str, str], what: str, timeout: float = COMMAND_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """Run a command to completion; a non-zero exit is a LiveError showing its output."""
    try:
        done = subprocess.run(
            [str(a) for a in args],
            env=env,
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise LiveError(f"{what} did not finish in {timeout} s: {error}") from error
    if done.returncode != 0:
        raise LiveError(
            f"{what} failed (exit {done.returncode}): {' '.join(str(a) for a in args)}\n"
            f"--- stdout ---\n{done.stdout}\n--- stderr ---\n{done.stderr}"
        )
    return done


# ----------------------------------------------------------------------------- databases


class Databases:
    """Hands out one fresh database URL per instance on the engine of `run_url`."""

    def __init__(self, run_url: str) -> None:
        self.run_url = run_url
        parts = urlsplit(run_url)
        self.postgres = parts.scheme in POSTGRES_SCHEMES
        if not self.postgres and parts.scheme != "sqlite":
            raise LiveError(f"Live tests run on SQLite or PostgreSQL, not {parts.scheme!r}")
        self.created: list[str] = []
        self.prefix = f"agora_e2e_{secrets.token_hex(4)}"

    def url_for(self, label: str, var_dir: Path) -> str:
        if not self.postgres:
            return f"sqlite:///{var_dir / 'agora.sqlite3'}"
        name = f"{self.prefix}_{label}"
        self._execute("CREATE DATABASE {}", name)
        self.created.append(name)
        parts = urlsplit(self.run_url)
        return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))

    def drop_all(self) -> None:
        while self.created:
            self._execute("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.created.pop())

    def _execute(self, statement: LiteralString, name: str) -> None:
        import psycopg
        from psycopg import sql

        parts = urlsplit(self.run_url)
        with psycopg.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or None,
            dbname="postgres",
            autocommit=True,
        ) as connection:
            connection.execute(sql.SQL(statement).format(sql.Identifier(name)))


# ----------------------------------------------------------------------------- servers


class LiveInstance:
    """One Agora: its var dir, database, sysadmin token and `agora serve` process."""

    def __init__(self, label: str, root: Path, databases: Databases) -> None:
        self.label = label
        self.var_dir = root / label
        self.var_dir.mkdir(parents=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.site_title = f"Agora end-to-end {label.upper()}"
        self.database_url = databases.url_for(label, self.var_dir)
        self.log_path = self.var_dir / "server.log"
        self.secret_key = secrets.token_urlsafe(40)
        self.token = ""
        self.process: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        inherited = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("AGORA_") and k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
        }
        return {
            **inherited,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": self.database_url,
            "AGORA_VAR_DIR": str(self.var_dir),
            "AGORA_SITE_URL": self.url,
            "AGORA_SITE_TITLE": self.site_title,
            "AGORA_DEBUG": "0",
            "AGORA_SECRET_KEY": self.secret_key,
            "PYTHONUNBUFFERED": "1",
        }

    def agora(self, *args: str) -> str:
        return run([AGORA, *args], env=self.env(), what=f"agora {args[0]} ({self.label})").stdout

    def prepare(self) -> None:
        """Migrate an empty database and create the sysadmin whose token the tests use."""
        self.agora("setup", "--no-demo")
        output = self.agora("createadmin", "admin", "--email", "admin@example.org")
        found = TOKEN.search(output)
        if found is None:
            raise LiveError(f"agora createadmin printed no token:\n{output}")
        self.token = found.group(1)

    def start(self) -> None:
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    str(AGORA),
                    "serve",
                    "--no-worker",
                    "--workers",
                    "1",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                ],
                env=self.env(),
                cwd=REPO_ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        probe = f"{self.url}/api/3/action/status_show"
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise LiveError(f"agora serve ({self.label}) exited early.\n{self.log()}")
            try:
                with urllib.request.urlopen(probe, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise LiveError(f"agora serve ({self.label}) not ready in {READY_TIMEOUT} s.\n{self.log()}")

    def stop(self) -> None:
        """Ask the whole process group (`agora serve`, gunicorn and its workers) to stop."""
        if self.process is not None:
            _signal_group(self.process.pid, signal.SIGTERM)

    def reap(self) -> None:
        """Wait for a stopped server; kill what is left of its process group after a while."""
        if self.process is None:
            return
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=STOP_TIMEOUT)
        _signal_group(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=STOP_TIMEOUT)

    def log(self, lines: int = 80) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return f"(no server log at {self.log_path})"
        tail = "\n".join(text.splitlines()[-lines:])
        return f"--- server log of {self.label} ({self.log_path}) ---\n{tail}"

    def _ckanapi_command(self, args: Sequence[str | Path], token: str | None) -> list[str]:
        """`token` defaults to the sysadmin's; "" calls anonymously."""
        key = self.token if token is None else token
        auth = ["-a", key] if key else []
        return [str(a) for a in (CKANAPI, *args, "-r", self.url, *auth)]

    def ckanapi(self, *args: str | Path, token: str | None = None) -> str:
        """Run the ckanapi CLI against this instance and return its standard output."""
        command = self._ckanapi_command(args, token)
        try:
            done = run(command, env=client_env(), what=f"ckanapi against {self.label}")
        except LiveError as error:
            raise LiveError(f"{error}\n{self.log()}") from error
        return done.stdout

    def ckanapi_error(self, *args: str | Path, token: str | None = None) -> str:
        """Run a ckanapi CLI command that must fail; return what it printed on stderr."""
        done = subprocess.run(
            self._ckanapi_command(args, token),
            env=client_env(),
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
        if done.returncode == 0:
            raise LiveError(
                f"ckanapi {' '.join(map(str, args))} should have failed:\n{done.stdout}"
            )
        return done.stderr


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)


@contextlib.contextmanager
def live_instances(labels: Sequence[str], *, run_url: str) -> Iterator[list[LiveInstance]]:
    """Fresh, empty, running Agora instances; everything is stopped and removed on exit."""
    root = Path(tempfile.mkdtemp(prefix="agora-live-"))
    databases = Databases(run_url)
    instances: list[LiveInstance] = []
    try:
        for label in labels:
            instances.append(LiveInstance(label, root, databases))
        with ThreadPoolExecutor(len(instances)) as pool:  # migrations take seconds each
            list(pool.map(LiveInstance.prepare, instances))
        for instance in instances:
            instance.start()
        for instance in instances:
            instance.wait_ready()
        yield instances
    finally:
        for instance in instances:
            instance.stop()
        for instance in instances:
            instance.reap()
        try:
            databases.drop_all()
        finally:
            shutil.rmtree(root, ignore_errors=True)
