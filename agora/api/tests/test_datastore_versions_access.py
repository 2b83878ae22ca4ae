"""Versions, verifiable downloads, the data dictionary across re-uploads, failed ingests, and
private tables that no endpoint reveals."""

from __future__ import annotations

import argparse
import hashlib

import pytest

from agora.api.tests.shared import call
from agora.catalog.tests.factories import DatasetFactory
from agora.cli import cmd_verify
from agora.core.actor import SYSTEM
from agora.datastore import services
from agora.datastore.backends import registered
from agora.datastore.models import TableStatus
from agora.datastore.tests.helpers import ingest, published, replace, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _node_cache(settings, tmp_path):
    """Each test gets its own per-node table cache."""
    settings.AGORA_STORAGE_CACHE_DIR = tmp_path / "node-cache"


V1 = b"code,value\nKEN,1\nUGA,2\n"
V2 = b"code,value\nKEN,10\nUGA,20\nRWA,30\n"


def _url(dist, number=None, name="data.csv"):
    base = f"/dataset/{dist.dataset_id}/resource/{dist.id}"
    return f"{base}/versions/{number}/download/{name}" if number else f"{base}/download/{name}"


def test_registered_backends_are_listed():
    assert sorted(registered()) == ["agora.datastore.backends.duckdb.DuckDBBackend"]


def test_a_new_upload_is_a_new_version_and_old_ones_stay_downloadable(org, client):
    dist, _ = published(org, "data.csv", V1)
    replace(dist, "data.csv", V2)
    replace(dist, "data.csv", V2)  # same bytes again: no new version
    assert [v.number for v in dist.versions.order_by("number")] == [1, 2]
    old = client.get(_url(dist, 1), HTTP_HOST="127.0.0.1")
    assert b"".join(old.streaming_content) == V1
    assert old["ETag"] == f'"{hashlib.sha256(V1).hexdigest()}"'
    assert "immutable" in old["Cache-Control"]
    current = client.get(_url(dist), HTTP_HOST="127.0.0.1")
    assert b"".join(current.streaming_content) == V2
    assert client.get(_url(dist, 3), HTTP_HOST="127.0.0.1").status_code == 404


def test_downloads_honour_ranges_and_head(org, client):
    dist, _ = published(org, "data.csv", V2)
    part = client.get(_url(dist), HTTP_HOST="127.0.0.1", HTTP_RANGE="bytes=5-9")
    assert part.status_code == 206
    assert b"".join(part.streaming_content) == V2[5:10]
    assert part["Content-Range"] == f"bytes 5-9/{len(V2)}"
    tail = client.get(_url(dist), HTTP_HOST="127.0.0.1", HTTP_RANGE="bytes=-4")
    assert b"".join(tail.streaming_content) == V2[-4:]
    assert (
        client.get(_url(dist), HTTP_HOST="127.0.0.1", HTTP_RANGE=f"bytes={len(V2)}-").status_code
        == 416
    )
    stale = client.get(
        _url(dist), HTTP_HOST="127.0.0.1", HTTP_RANGE="bytes=0-1", HTTP_IF_RANGE='"old"'
    )
    assert stale.status_code == 200
    head = client.head(_url(dist), HTTP_HOST="127.0.0.1")
    assert head.status_code == 200
    assert head["Content-Length"] == str(len(V2))
    assert head["Repr-Digest"].startswith("sha-256=:")


def test_verify_endpoint_and_cli_name_the_matching_version(org, anon_api, tmp_path, capsys):
    dist, _ = published(org, "data.csv", V1)
    replace(dist, "data.csv", V2)
    body = anon_api.get("/api/v1/verify", sha256=hashlib.sha256(V1).hexdigest()).json()
    assert [(m["version"], m["is_current"]) for m in body["matches"]] == [(1, False)]
    uploaded = anon_api.client.post("/api/v1/verify", {"file": _file(V2)}).json()
    assert [(m["version"], m["is_current"]) for m in uploaded["matches"]] == [(2, True)]
    assert (
        anon_api.get("/api/v1/verify", sha256=hashlib.sha256(b"other").hexdigest()).json()[
            "matches"
        ]
        == []
    )
    assert anon_api.get("/api/v1/verify", sha256="nothex").status_code == 422
    mine = tmp_path / "mine.csv"
    mine.write_bytes(V1)
    assert _verify(mine) == 0
    assert "version 1 (earlier" in capsys.readouterr().out
    mine.write_bytes(b"tampered")
    assert _verify(mine) == 1


def _verify(path) -> int:
    return cmd_verify(argparse.Namespace(files=[str(path)], audit=False, blobs=False))


def _file(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("x.csv", content)


def test_data_dictionary_survives_a_re_upload(org, anon_api):
    dist, _ = published(org, "data.csv", V1)
    services.dictionary_update(
        actor=SYSTEM,
        distribution=dist,
        fields=[
            {"name": "value", "title": "Value", "description": "People, thousands", "unit": "1000"}
        ],
    )
    replace(dist, "data.csv", V2)
    ingest(dist)
    info = anon_api.get(f"/api/v1/data/{dist.id}").json()
    value = next(f for f in info["fields"] if f["name"] == "value")
    assert (value["description"], info["version"], info["row_count"]) == ("People, thousands", 2, 3)


def test_a_failed_ingest_leaves_the_previous_version_queryable(org, anon_api):
    dist, _ = published(org, "data.csv", V1)
    replace(dist, "data.csv", b"\x00\x01 not a table \x02" * 50)
    failed = ingest(dist)
    assert failed.status == TableStatus.FAILED
    rows = anon_api.get(f"/api/v1/data/{dist.id}/rows").json()["rows"]
    assert [r["code"] for r in rows] == ["KEN", "UGA"]
    body = anon_api.get(f"/api/v1/data/{dist.id}").json()
    assert (body["version"], body["ingest"]["status"], body["ingest"]["version"]) == (
        1,
        "failed",
        2,
    )


def test_only_editors_may_reingest_or_edit_the_dictionary(org, api_as, stranger, editor):
    dist, _ = published(org, "data.csv", V1)
    denied = api_as(stranger).client.post(
        f"/api/v1/data/{dist.id}/ingest", **api_as(stranger)._headers()
    )
    assert denied.status_code == 403
    allowed = api_as(editor).client.post(
        f"/api/v1/data/{dist.id}/ingest", **api_as(editor)._headers()
    )
    assert allowed.status_code == 202


@pytest.mark.parametrize("role", ["anonymous", "stranger", "other_admin"])
def test_private_tables_are_invisible_everywhere(org, role, client_for_role):
    dist, _ = published(org, "data.csv", V1, private=True)
    api = client_for_role(role)
    rid = str(dist.id)
    assert call(api, "datastore_search", {"resource_id": rid}).status_code == 404
    assert call(api, "datastore_info", {"id": rid}).status_code == 404
    sql = call(api, "datastore_search_sql", {"sql": f'SELECT * FROM "{rid}"'})
    assert sql.status_code == 400
    assert b"KEN" not in sql.content
    for path in ("", "/rows", "/aggregate", "/export.csv", "/dictionary"):
        assert api.get(f"/api/v1/data/{rid}{path}").status_code == 404, path
    assert api.get(f"/api/v1/distributions/{rid}/versions").status_code == 404
    assert api.get("/api/v1/verify", sha256=hashlib.sha256(V1).hexdigest()).json()["matches"] == []
    assert api.client.get(_url(dist, 1)).status_code == 404


@pytest.mark.parametrize("role", ["member", "editor", "sysadmin"])
def test_private_tables_are_readable_by_members(org, role, client_for_role):
    dist, _ = published(org, "data.csv", V1, private=True)
    api = client_for_role(role)
    assert api.get(f"/api/v1/data/{dist.id}/rows").status_code == 200
    assert call(api, "datastore_search", {"resource_id": str(dist.id)}).status_code == 200


@pytest.fixture
def client_for_role(request, anon_api, api_as):
    def make(role):
        return anon_api if role == "anonymous" else api_as(request.getfixturevalue(role))

    return make


def test_upload_of_a_new_dataset_file_history_lists_every_version(org, anon_api):
    dataset = DatasetFactory(organization=org)
    dist = upload(dataset, "a.csv", V1)
    replace(dist, "a.csv", V2)
    history = anon_api.get(f"/api/v1/datasets/{dataset.name}/file-history").json()
    assert [h["number"] for h in history] == [2, 1]
