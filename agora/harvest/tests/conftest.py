"""Fixtures of the harvest tests: real catalogues served over loopback HTTP by the test."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from agora.catalog.models import Organization
from agora.core.actor import SYSTEM
from agora.harvest import services
from agora.harvest.models import HarvestJob, HarvestSource
from agora.harvest.runner import run_job
from agora.testing import shared_data_path

Reply = tuple[int, dict[str, str], bytes]
Route = Callable[[dict[str, list[str]], dict[str, str]], Reply]


def catalogue(*parts: str) -> Path:
    return shared_data_path().joinpath("catalogues", *parts)


def ckan_file(*parts: str) -> Path:
    return shared_data_path().joinpath("ckan-api", *parts)


def read_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def static(body: bytes, media_type: str = "application/json", *, etag: bool = True) -> Route:
    """A document with an ETag; answers 304 to a matching If-None-Match."""
    tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'

    def reply(query: dict[str, list[str]], headers: dict[str, str]) -> Reply:
        if etag and headers.get("if-none-match") == tag:
            return 304, {"ETag": tag}, b""
        return 200, ({"Content-Type": media_type} | ({"ETag": tag} if etag else {})), body

    return reply


def ckan_search(packages: list[dict[str, Any]]) -> Route:
    """CKAN package_search over a list of packages: real paging by start/rows, by name."""
    ordered = sorted(packages, key=lambda p: str(p.get("name")))

    def reply(query: dict[str, list[str]], headers: dict[str, str]) -> Reply:
        start = int(query.get("start", ["0"])[0])
        rows = min(int(query.get("rows", ["10"])[0]), 1000)
        page = ordered[start : start + rows]
        body = {"success": True, "result": {"count": len(ordered), "results": page}}
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()

    return reply


@dataclass
class Server:
    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def served() -> Iterator[Server]:
    server_state = Server(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            server_state.hits.append(self.path)
            route = server_state.routes.get(parts.path)
            if route is None:
                status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
            else:
                lowered = {k.lower(): v for k, v in self.headers.items()}
                status, headers, body = route(parse_qs(parts.query), lowered)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server_state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield server_state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _harvest_settings(settings, request) -> None:
    if "live" not in request.keywords:
        # The search outbox is drained by the worker in production; the immediate backend
        # would commit the index once per dataset, which only slows these tests down.
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.AGORA_HARVEST_ALLOW_PRIVATE_SOURCES = True
    settings.AGORA_HARVEST_BACKOFF_SECONDS = 0.01
    settings.AGORA_HARVEST_RETRIES = 2
    settings.AGORA_HARVEST_TIMEOUT_SECONDS = 5


@pytest.fixture
def make_source(org: Organization) -> Callable[..., HarvestSource]:
    counter = iter(range(1, 1000))

    def make(url: str, source_type: str = "datajson", **config: Any) -> HarvestSource:
        organization = config.pop("organization", org)
        private = config.pop("private", False)
        draft = services.SourceDraft(
            private=private,
            name=f"source-{next(counter)}",
            url=url,
            source_type=source_type,
            organization=organization.name,
            config={"allow_private_network": True, **config},
        )
        return services.source_create(actor=SYSTEM, draft=draft)

    return make


@pytest.fixture
def harvest() -> Callable[[HarvestSource], HarvestJob]:
    """Queue a job and run it here (the task queue is bypassed so the test sees the job)."""

    def run(source: HarvestSource) -> HarvestJob:
        job = services.job_create(actor=SYSTEM, source=source, enqueue=False)
        finished = run_job(job.pk)
        assert finished is not None
        return finished

    return run


def wait_until(check: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False
