"""The native API's contract is pinned: any change to it shows up as a reviewed diff.

After an intended change run `make openapi-snapshot` and review the diff of
agora/api/tests/snapshots/openapi.json.
"""

from __future__ import annotations

import json
from pathlib import Path

from agora.api.native.api import api

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi.json"


def current_schema() -> dict:
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"), sort_keys=True))


def test_openapi_schema_matches_the_snapshot():
    assert current_schema() == json.loads(SNAPSHOT.read_text())


def test_openapi_is_version_3_1_with_every_resource():
    schema = current_schema()
    assert schema["openapi"].startswith("3.1")
    paths = set(schema["paths"])
    for expected in (
        "/api/v1/datasets",
        "/api/v1/datasets/{id_or_name}",
        "/api/v1/datasets/{id_or_name}/distributions",
        "/api/v1/distributions/{distribution_id}",
        "/api/v1/organizations",
        "/api/v1/organizations/{id_or_name}",
        "/api/v1/countries",
        "/api/v1/countries/{code}",
    ):
        assert expected in paths


def test_every_operation_has_a_stable_operation_id():
    schema = current_schema()
    ids = [op["operationId"] for item in schema["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    assert all("_" in op_id for op_id in ids)


def test_openapi_document_is_served(client):
    response = client.get("/api/v1/openapi.json", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Agora API"
    assert client.get("/api/v1/docs", HTTP_HOST="127.0.0.1").status_code == 200
