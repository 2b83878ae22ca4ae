"""Links fetched on a schedule become versions when their content changes; files, downloads
and tables work on S3-compatible object storage (a real moto server started here)."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from agora.catalog.tests.factories import DatasetFactory
from agora.core.http import Policy, parse_networks
from agora.datastore.fetch import fetch_due_links
from agora.datastore.models import FetchStatus, LinkFetch
from agora.datastore.services import tables_schedule
from agora.datastore.tests.helpers import published
from agora.interop.records import DistributionDraft

pytestmark = pytest.mark.django_db
CONTENT = {"body": b"a,b\n1,2\n"}
SEEN: list[str] = []  # the If-None-Match header of each request


class _Handler(BaseHTTPRequestHandler):
    """Serves CONTENT with an ETag and answers 304 to a matching If-None-Match."""

    def do_GET(self):
        etag = '"' + hashlib.sha256(CONTENT["body"]).hexdigest()[:16] + '"'
        SEEN.append(self.headers.get("If-None-Match", ""))
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(CONTENT["body"])

    def log_message(self, *args):
        pass


def test_a_link_is_versioned_only_when_its_content_changes(org):
    SEEN.clear()
    CONTENT["body"] = b"a,b\n1,2\n"
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/data.csv"
        dataset = DatasetFactory(
            organization=org, distributions=[DistributionDraft(title="Link", url=url)]
        )
        tables_schedule(dataset_ids=[dataset.id])
        policy = Policy(allowed_networks=parse_networks("127.0.0.1/32"))
        assert fetch_due_links(policy=policy) == {FetchStatus.CHANGED: 1}
        LinkFetch.objects.update(next_fetch_at="2000-01-01T00:00:00Z")
        assert fetch_due_links(policy=policy) == {FetchStatus.UNCHANGED: 1}
        assert SEEN[0] == ""
        assert SEEN[1].startswith('"')  # the second request is conditional: 304
        CONTENT["body"] = b"a,b\n1,2\n3,4\n"
        LinkFetch.objects.update(next_fetch_at="2000-01-01T00:00:00Z")
        assert fetch_due_links(policy=policy) == {FetchStatus.CHANGED: 1}
        dist = dataset.distributions.get()
        assert [v.number for v in dist.versions.all()] == [1, 2]
        assert dist.checksum_sha256 == dist.versions.get(number=2).file_id
        assert dist.url == url
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_link_to_a_private_address_fails_and_backs_off(org):
    dataset = DatasetFactory(
        organization=org, distributions=[DistributionDraft(title="L", url="http://10.0.0.7/x.csv")]
    )
    tables_schedule(dataset_ids=[dataset.id])
    assert fetch_due_links(policy=Policy()) == {FetchStatus.FAILED: 1}
    link = LinkFetch.objects.get()
    assert link.error.startswith("http.blocked_address")
    assert fetch_due_links(policy=Policy()) == {}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def s3_storage(settings, tmp_path):
    """A moto S3 server on loopback, and Agora's default storage pointed at a bucket in it."""
    port = _free_port()
    moto = shutil.which("moto_server") or str(Path(sys.executable).parent / "moto_server")
    process = subprocess.Popen(
        [moto, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline or process.poll() is not None:
                raise AssertionError("moto_server did not start")
            time.sleep(0.1)
        import boto3

        endpoint = f"http://127.0.0.1:{port}"
        options = {
            "bucket_name": "agora-test",
            "endpoint_url": endpoint,
            "access_key": "k",
            "secret_key": "s",
            "region_name": "us-east-1",
            "file_overwrite": False,
        }
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id="k",
            aws_secret_access_key="s",
            region_name="us-east-1",
        ).create_bucket(Bucket="agora-test")
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        }
        yield endpoint
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=10)


def test_files_downloads_and_tables_work_on_object_storage(org, s3_storage, client, anon_api):
    from django.core.files.storage import default_storage

    content = b"code,value\n" + b"".join(f"C{i},{i}\n".encode() for i in range(500))
    dist, table = published(org, "s3.csv", content)
    assert type(default_storage._wrapped).__name__ == "S3Storage"
    assert default_storage.exists(dist.file.storage_name)
    assert table.status == "ready", table.error
    rows = anon_api.get(f"/api/v1/data/{dist.id}/rows", filter="value:gt:497").json()["rows"]
    assert [r["code"] for r in rows] == ["C498", "C499"]
    url = f"/dataset/{dist.dataset_id}/resource/{dist.id}/download/s3.csv"
    part = client.get(url, HTTP_HOST="127.0.0.1", HTTP_RANGE="bytes=0-9")
    assert (part.status_code, b"".join(part.streaming_content)) == (206, content[:10])
    full = client.get(url, HTTP_HOST="127.0.0.1")
    assert b"".join(full.streaming_content) == content
