"""CKAN 2.12.0 as the benchmark peer, installed and configured from scratch by the benchmark.

How (and why) it differs from a production CKAN — all measured facts from
shared/research/peers-on-this-machine.md:
- No Solr exists for this machine, so `solr_url` points at a closed port. Stock CKAN then still
  answers `package_show` (it tries Solr, gets "connection refused", builds the dict from
  PostgreSQL) and `status_show`; `package_search` fails with HTTP 500.
- Dataset writes need the search index, so *seeding only* runs with a bench plugin written
  below (our own lines): it swaps in CKAN's `NoopSearchIndex` and an empty search answer.
  The plugin lives in the work folder and reaches CKAN through PYTHONPATH only while seeding;
  the measured CKAN runs with the stock plugin list (none) and without it on the path.
- It is served by gunicorn with the same flags `agora serve` uses, and the same number of
  worker processes as Agora.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from harness import BenchError, Processes, port_in_use, run_logged, wait_http

CKAN_VERSION = "2.12.0"
SOLR_PORT = 8983  # CKAN's default solr_url; nothing may listen there
ADMIN = "benchadmin"

SEED_PLUGIN = '''"""Bench-only CKAN plugin: CKAN accepts writes without Solr (for seeding only)."""

import ckan.plugins as plugins
from ckan.lib import search
from ckan.lib.search.index import NoopSearchIndex


class EmptySearch:
    """Answers every dataset search with nothing, so creating an organization or a group
    (which counts their datasets through search) does not fail with "Search Connection
    Error" after the row is already written."""

    def __init__(self):
        self.count, self.results, self.facets = 0, [], {}

    def run(self, query, permission_labels=None, **kwargs):
        return {"count": 0, "results": [], "facets": {}}


class BenchSeedPlugin(plugins.SingletonPlugin):
    plugins.implements(plugins.IConfigurable)

    def configure(self, config):
        search._INDICES["package"] = NoopSearchIndex
        search._QUERIES["package"] = EmptySearch
        search.PackageSearchQuery = EmptySearch  # group/organization dataset counts use it
'''

WSGI = '''"""gunicorn entry point: CKAN ships no WSGI module, so the benchmark writes this one."""

import os

from ckan.cli import load_config
from ckan.config.middleware import make_app

application = make_app(load_config(os.environ["CKAN_INI"]))
'''


def psql(sql: str, *, log: Path) -> str:
    """Run SQL as the `postgres` superuser over TCP (trust auth on 127.0.0.1)."""
    return run_logged(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-tA", "-c", sql],
        log=log,
        what="psql",
    )


@dataclass
class CkanPeer:
    work: Path
    venvs: Path
    port: int
    redis_port: int
    workers: int = 2
    database: str = "ckan_bench"

    def __post_init__(self) -> None:
        # The name goes into SQL text (CREATE ROLE/DATABASE take no bind parameters).
        if not re.fullmatch(r"ckan_bench[a-z0-9_]*", self.database):
            raise BenchError(f"database name must match ckan_bench[a-z0-9_]*: {self.database}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def venv(self) -> Path:
        return self.venvs / f"ckan-{CKAN_VERSION}"

    @property
    def ini(self) -> Path:
        return self.work / "ckan.ini"

    @property
    def log(self) -> Path:
        return self.work.parent / "logs" / "ckan.log"

    @property
    def plugin_dir(self) -> Path:
        return self.work / "seed-plugin"

    def bin(self, name: str) -> Path:
        return self.venv / "bin" / name

    # ------------------------------------------------------------------ install and configure

    def install(self) -> str:
        """pip-install CKAN (+ gunicorn) into a venv kept under bench/work/venvs between runs."""
        if self._installed_version() == CKAN_VERSION:
            return f"reused {self.venv}"
        if self.venv.exists():
            shutil.rmtree(self.venv)
        started = time.monotonic()
        python = shutil.which("python3.11") or shutil.which("python3") or "python3"
        run_logged([python, "-m", "venv", self.venv], log=self.log, what="python -m venv")
        pip = [self.bin("python"), "-m", "pip", "install", "--quiet"]
        run_logged([*pip, "--upgrade", "pip", "setuptools", "wheel"], log=self.log, what="pip")
        run_logged(
            [*pip, f"ckan[requirements]=={CKAN_VERSION}", "gunicorn"],
            log=self.log,
            what=f"pip install ckan[requirements]=={CKAN_VERSION}",
        )
        return f"installed in {time.monotonic() - started:.0f} s into {self.venv}"

    def _installed_version(self) -> str | None:
        if not (self.bin("python").exists() and self.bin("gunicorn").exists()):
            return None
        probe = subprocess.run(
            [self.bin("python"), "-c", "import ckan; print(ckan.__version__)"],
            capture_output=True,
            text=True,
            check=False,
        )
        return probe.stdout.strip() if probe.returncode == 0 else None

    def environment(self, *, seeding: bool = False) -> dict[str, str]:
        # CKAN_* variables override ckan.ini; drop any the caller has so the ini is the truth.
        env = {k: v for k, v in os.environ.items() if not k.startswith("CKAN_")}
        env.pop("PYTHONPATH", None)
        env["CKAN_INI"] = str(self.ini)
        if seeding:
            env["PYTHONPATH"] = str(self.plugin_dir)
        return env

    def ckan(self, *args: str, what: str = "", seeding: bool = False) -> str:
        return run_logged(
            [self.bin("ckan"), "-c", self.ini, *args],
            log=self.log,
            env=self.environment(seeding=seeding),
            cwd=self.work,
            what=what or f"ckan {args[0]}",
        )

    def prepare_database(self) -> None:
        """A role and an empty database of CKAN's own, both named `ckan_bench`."""
        if subprocess.run(
            ["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], check=False
        ).returncode:
            raise BenchError(
                "PostgreSQL is not answering on 127.0.0.1:5432; start it "
                "(e.g. `pg_ctlcluster 15 main start`) and retry"
            )
        name = self.database
        psql(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN "
            f"CREATE ROLE {name} LOGIN PASSWORD '{name}'; END IF; END $$;",
            log=self.log,
        )
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", log=self.log)
        psql(
            f"CREATE DATABASE {name} OWNER {name} ENCODING 'utf-8' TEMPLATE template0",
            log=self.log,
        )

    def database_backends(self) -> list[int]:
        """The PostgreSQL processes serving CKAN's connections: their CPU is CKAN's cost too."""
        output = psql(
            "SELECT pid FROM pg_stat_activity "  # noqa: S608 - our constant name, not input
            f"WHERE datname = '{self.database}' AND pid <> pg_backend_pid()",
            log=self.log,
        )
        return [int(pid) for pid in output.split()]

    def drop_database(self) -> None:
        psql(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)", log=self.log)
        psql(f"DROP ROLE IF EXISTS {self.database}", log=self.log)

    def configure(self) -> None:
        """`ckan generate config`, then the few edits a local site needs (via config-tool)."""
        if port_in_use(SOLR_PORT):
            raise BenchError(
                f"something listens on 127.0.0.1:{SOLR_PORT}; this benchmark measures CKAN "
                "without Solr and needs that port closed"
            )
        self.work.mkdir(parents=True, exist_ok=True)
        run_logged(
            [self.bin("ckan"), "generate", "config", self.ini],
            log=self.log,
            env=self.environment(),
            what="ckan generate config",
        )
        self.set_config(
            f"sqlalchemy.url=postgresql://{self.database}:{self.database}"
            f"@127.0.0.1:5432/{self.database}",
            f"ckan.site_url={self.url}",
            f"ckan.redis.url=redis://127.0.0.1:{self.redis_port}/0",
            f"ckan.storage_path={self.work / 'storage'}",
            f"solr_url=http://127.0.0.1:{SOLR_PORT}/solr/ckan",
        )
        (self.work / "storage").mkdir(exist_ok=True)
        (self.work / "wsgi.py").write_text(WSGI)
        self._write_seed_plugin()

    def set_config(self, *assignments: str) -> None:
        run_logged(
            [self.bin("ckan"), "config-tool", self.ini, *assignments],
            log=self.log,
            env=self.environment(),
            what="ckan config-tool",
        )

    def _write_seed_plugin(self) -> None:
        """The plugin module plus a hand-written dist-info, so CKAN's entry-point lookup finds
        it when (and only when) this folder is on PYTHONPATH. Nothing is installed."""
        package = self.plugin_dir / "ckanext_benchseed"
        package.mkdir(parents=True, exist_ok=True)
        (package / "__init__.py").write_text(SEED_PLUGIN)
        info = self.plugin_dir / "ckanext_benchseed-0.0.0.dist-info"
        info.mkdir(exist_ok=True)
        (info / "METADATA").write_text(
            "Metadata-Version: 2.1\nName: ckanext-benchseed\nVersion: 0.0.0\n"
        )
        (info / "entry_points.txt").write_text(
            "[ckan.plugins]\nbench_seed = ckanext_benchseed:BenchSeedPlugin\n"
        )

    def init_database(self) -> str:
        """`ckan db init`, then a sysadmin and an API token for loading; returns the token."""
        self.ckan("db", "init", what="ckan db init")
        self.ckan(
            "user", "add", ADMIN, "email=benchadmin@example.org", f"password={os.urandom(9).hex()}"
        )
        self.ckan("sysadmin", "add", ADMIN)
        output = self.ckan("user", "token", "add", ADMIN, "bench", "-q", what="ckan user token")
        token = output.strip().splitlines()[-1].strip()
        if not token:
            raise BenchError(f"no API token in the output of `ckan user token add`; see {self.log}")
        return token

    # ------------------------------------------------------------------ run

    def start_redis(self, processes: Processes) -> str:
        """A private Redis for CKAN (as a real deployment has); CKAN also runs without one."""
        server = shutil.which("redis-server")
        if server is None:
            return "no redis-server found: CKAN runs without Redis (it logs an error)"
        processes.start(
            "redis",
            [
                server,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.redis_port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            log=self.log.parent / "redis.log",
        )
        return f"private redis-server on 127.0.0.1:{self.redis_port}"

    def serve(self, processes: Processes, *, seeding: bool) -> subprocess.Popen[bytes]:
        """gunicorn with `workers` processes and `agora serve`'s flags (access log included)."""
        self.set_config(f"ckan.plugins={'bench_seed' if seeding else ''}")
        command = [
            self.bin("gunicorn"),
            "wsgi:application",
            "--chdir",
            self.work,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "10",
            # gunicorn 25.1+ keeps one control socket per user by default: two servers on one
            # host would take over (and on exit delete) each other's. Keep CKAN's here.
            "--control-socket",
            self.work / "gunicorn.ctl",
        ]
        process = processes.start(
            "ckan-seeding" if seeding else "ckan",
            command,
            log=self.log,
            env=self.environment(seeding=seeding),
            cwd=self.work,
        )
        wait_http(f"{self.url}/api/3/action/status_show", process=process, log=self.log)
        return process
