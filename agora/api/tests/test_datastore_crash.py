"""Crash test: the worker is killed (SIGKILL) in the middle of an ingest of a new version; the
previous version stays intact and queryable, and re-running the ingest completes.

A real Agora (own database and files, `agora serve`) and real `db_worker` processes: the
killed worker is the real one, with one step replaced by a SIGKILL to itself right after
the Parquet file of the new version was written and before it was stored and published,
so the kill lands inside the ingest every time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from .live import REPO_ROOT, LiveInstance, live_instances

pytestmark = pytest.mark.live
V1 = b"code,value\n" + b"".join(f"A{i},{i}\n".encode() for i in range(1000))
V2 = b"code,value\n" + b"".join(f"B{i},{i * 2}\n".encode() for i in range(3000))
KILLING_WORKER = """
import os, signal, django
django.setup()
from agora.datastore.ingest import pipeline
def die(self, context):
    assert context.parquet_path is not None and context.parquet_path.exists()
    os.kill(os.getpid(), signal.SIGKILL)
pipeline.IngestPipeline.step_store = die
from django.core.management import call_command
call_command("db_worker", "--batch", "--no-startup-delay")
"""


@pytest.fixture(scope="module")
def site() -> Iterator[LiveInstance]:
    with live_instances(["crash"], run_url=os.environ.get("DATABASE_URL", "sqlite:///")) as (one,):
        yield one


def _request(
    site: LiveInstance,
    method: str,
    path: str,
    body: bytes | None = None,
    content_type: str = "application/json",
) -> Any:
    request = urllib.request.Request(f"{site.url}{path}", data=body, method=method)
    request.add_header("Authorization", site.token)
    if body is not None:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def _multipart(name: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def _worker(site: LiveInstance, script: str | None = None) -> int:
    command = (
        [sys.executable, "-c", script]
        if script
        else [
            sys.executable,
            "-m",
            "agora.cli",
            "manage",
            "db_worker",
            "--batch",
            "--no-startup-delay",
        ]
    )
    done = subprocess.run(
        command, env=site.env(), cwd=REPO_ROOT, capture_output=True, timeout=300, check=False
    )
    return done.returncode


def _rows(site: LiveInstance, dist_id: str) -> list[dict[str, Any]]:
    return _request(site, "GET", f"/api/v1/data/{dist_id}/rows?limit=3&sort=_id")["rows"]


def test_killing_the_worker_mid_ingest_keeps_the_previous_version_and_rerun_completes(site):
    org = {"name": "crash-org", "title": "Crash Org"}
    _request(site, "POST", "/api/3/action/organization_create", json.dumps(org).encode())
    package = {"name": "crash-data", "title": "Crash data", "owner_org": "crash-org"}
    _request(site, "POST", "/api/3/action/package_create", json.dumps(package).encode())
    body, kind = _multipart("data.csv", V1)
    dist = _request(site, "POST", "/api/v1/datasets/crash-data/distributions/upload", body, kind)
    assert _worker(site) == 0
    assert _request(site, "GET", f"/api/v1/data/{dist['id']}")["row_count"] == 1000

    body, kind = _multipart("data.csv", V2)
    _request(site, "PUT", f"/api/v1/distributions/{dist['id']}/file", body, kind)
    assert _worker(site, KILLING_WORKER) == -9  # killed by SIGKILL inside the ingest

    table = _request(site, "GET", f"/api/v1/data/{dist['id']}")
    assert (table["version"], table["row_count"]) == (1, 1000)
    assert (table["ingest"]["version"], table["ingest"]["status"]) == (2, "running")
    assert [r["code"] for r in _rows(site, dist["id"])] == ["A0", "A1", "A2"]

    _request(site, "POST", f"/api/v1/data/{dist['id']}/ingest?force=true", b"")
    assert _worker(site) == 0
    table = _request(site, "GET", f"/api/v1/data/{dist['id']}")
    assert (table["version"], table["row_count"], table["ingest"]["status"]) == (2, 3000, "ready")
    assert [r["code"] for r in _rows(site, dist["id"])] == ["B0", "B1", "B2"]
