"""Native API: datasets and distributions."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agora.catalog.models import Dataset, DatasetRevision
from agora.catalog.tests.factories import DatasetFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def body(**overrides):
    values = {
        "name": "water-quality",
        "title": {"en": "Water quality", "ar": "جودة المياه"},
        "description": {"en": "Samples from rivers."},
        "organization": "ministry-of-health",
        "tags": ["water"],
        "themes": ["ENVI"],
        "licence": "CC-BY-4.0",
        "countries": ["KEN"],
        "distributions": [
            {"title": "Samples", "url": "https://example.org/s.csv", "format": "csv"}
        ],
    }
    values.update(overrides)
    return values


def test_create_returns_201_and_the_dataset(org, editor, api_as):
    response = api_as(editor).send("POST", "/api/v1/datasets", body())
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["title"] == {"en": "Water quality", "ar": "جودة المياه"}
    assert data["organization"]["name"] == "ministry-of-health"
    assert data["distributions"][0]["format"] == "CSV"
    assert data["revision_number"] == 1


def test_create_problems_name_each_invalid_field(org, editor, api_as):
    response = api_as(editor).send(
        "POST", "/api/v1/datasets", body(name="Bad Name", themes=["XX"], countries=["ZZZ"])
    )
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["code"] == "validation.failed"
    assert set(problem["errors"]) == {"name", "themes", "countries"}


def test_schema_errors_are_problems_too(org, editor, api_as):
    response = api_as(editor).send("POST", "/api/v1/datasets", {"name": "x", "private": "maybe"})
    assert response.status_code == 422
    assert {"title", "organization", "private"} <= set(response.json()["errors"])


def test_malformed_json_is_400(org, editor, api_as):
    client = api_as(editor)
    response = client.client.post(
        "/api/v1/datasets", "{nope", content_type="application/json", **client._headers()
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM


def test_duplicate_name_is_409(org, editor, api_as):
    api_as(editor).send("POST", "/api/v1/datasets", body())
    response = api_as(editor).send("POST", "/api/v1/datasets", body())
    assert response.status_code == 409
    assert response.json()["errors"] == {"name": ["That URL is already in use."]}


def test_read_sets_etag_to_the_revision(org, anon_api):
    DatasetFactory(name="open-data", organization=org)
    response = anon_api.get("/api/v1/datasets/open-data")
    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    assert "Last-Modified" in response


def test_patch_changes_only_given_fields(org, editor, api_as):
    DatasetFactory(name="open-data", organization=org, tags=["a"], countries=["FRA"])
    response = api_as(editor).send("PATCH", "/api/v1/datasets/open-data", {"tags": ["b"]})
    assert response.status_code == 200, response.content
    assert response.json()["tags"] == ["b"]
    assert response.json()["countries"] == ["FRA"]


def test_if_match_refuses_to_overwrite_a_concurrent_edit(org, editor, api_as):
    DatasetFactory(name="open-data", organization=org)
    client = api_as(editor)
    first = client.send(
        "PATCH", "/api/v1/datasets/open-data", {"version": "2"}, HTTP_IF_MATCH='"1"'
    )
    assert first.status_code == 200
    second = client.send(
        "PATCH", "/api/v1/datasets/open-data", {"version": "3"}, HTTP_IF_MATCH='"1"'
    )
    assert second.status_code == 409
    assert second.json()["code"] == "catalog.stale_revision"
    assert Dataset.objects.get(name="open-data").version == "2"


def test_put_replaces_and_keeps_distributions_when_omitted(org, editor, api_as):
    client = api_as(editor)
    client.send("POST", "/api/v1/datasets", body())
    replacement = body(tags=[], description={})
    replacement.pop("distributions")
    response = client.send("PUT", "/api/v1/datasets/water-quality", replacement)
    assert response.status_code == 200
    assert response.json()["tags"] == []
    assert len(response.json()["distributions"]) == 1


def test_delete_then_read_is_404_for_anonymous(org, editor, api_as, anon_api):
    DatasetFactory(name="open-data", organization=org)
    assert api_as(editor).send("DELETE", "/api/v1/datasets/open-data").status_code == 204
    assert anon_api.get("/api/v1/datasets/open-data").status_code == 404


def test_revisions_list_and_read(org, editor, api_as, anon_api):
    DatasetFactory(name="open-data", organization=org, version="1")
    api_as(editor).send("PATCH", "/api/v1/datasets/open-data", {"version": "2"})
    listing = anon_api.get("/api/v1/datasets/open-data/revisions").json()
    assert [r["number"] for r in listing] == [2, 1]
    first = anon_api.get("/api/v1/datasets/open-data/revisions/1").json()
    assert first["data"]["version"] == "1"
    assert anon_api.get("/api/v1/datasets/open-data/revisions/9").status_code == 404


def test_list_pages_with_a_cursor(org, anon_api):
    for index in range(5):
        DatasetFactory(name=f"set-{index}", organization=org)
    seen = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = anon_api.get("/api/v1/datasets", **params).json()
        seen += [item["name"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"set-{i}" for i in range(5)]
    assert anon_api.get("/api/v1/datasets", cursor="%%%").status_code == 400


def test_list_filters(org, other_org, anon_api):
    DatasetFactory(name="kenya-set", organization=org, countries=["KEN"], themes=["HEAL"])
    DatasetFactory(name="france-set", organization=other_org, countries=["FRA"], tags=["vin"])
    names = lambda **p: [d["name"] for d in anon_api.get("/api/v1/datasets", **p).json()["items"]]  # noqa: E731
    assert names(country="ken") == ["kenya-set"]
    assert names(theme="heal") == ["kenya-set"]
    assert names(organization="statistics-office") == ["france-set"]
    assert names(tag="vin") == ["france-set"]
    assert names(q="kenya") == ["kenya-set"]


def test_upload_distribution_checksums_the_file(org, editor, api_as, client):
    DatasetFactory(name="open-data", organization=org)
    content = b"country,value\nKEN,1\n"
    api = api_as(editor)
    response = api.client.post(
        "/api/v1/datasets/open-data/distributions/upload",
        {"file": SimpleUploadedFile("values.csv", content), "title": "Values"},
        **api._headers(),
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["checksum_sha256"] == hashlib.sha256(content).hexdigest()
    assert data["byte_size"] == len(content)
    assert data["media_type"] == "text/csv"
    download = client.get(data["url"].replace("http://127.0.0.1:8000", ""), HTTP_HOST="127.0.0.1")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["ETag"] == f'"{data["checksum_sha256"]}"'


def test_oversized_upload_is_413_and_stores_nothing(org, editor, api_as, settings):
    settings.AGORA_CATALOG_UPLOAD_MAX_BYTES = 100
    DatasetFactory(name="open-data", organization=org)
    api = api_as(editor)
    response = api.client.post(
        "/api/v1/datasets/open-data/distributions/upload",
        {"file": SimpleUploadedFile("big.csv", b"x" * 5000)},
        **api._headers(),
    )
    assert response.status_code == 413
    assert Dataset.objects.get(name="open-data").distributions.count() == 0


def test_distribution_patch_reorder_and_delete(org, editor, api_as):
    client = api_as(editor)
    client.send(
        "POST",
        "/api/v1/datasets",
        body(distributions=[{"url": "https://e.org/1.csv"}, {"url": "https://e.org/2.csv"}]),
    )
    first, second = client.get("/api/v1/datasets/water-quality/distributions").json()
    patched = client.send("PATCH", f"/api/v1/distributions/{first['id']}", {"title": "One"})
    assert patched.json()["title"] == "One"
    assert patched.json()["url"] == "https://e.org/1.csv"
    reordered = client.send(
        "POST", "/api/v1/datasets/water-quality/distributions/order", {"order": [second["id"]]}
    )
    assert [d["id"] for d in reordered.json()] == [second["id"], first["id"]]
    assert client.send("DELETE", f"/api/v1/distributions/{first['id']}").status_code == 204
    remaining = client.get("/api/v1/datasets/water-quality/distributions").json()
    assert [d["id"] for d in remaining] == [second["id"]]
    assert DatasetRevision.objects.filter(dataset__name="water-quality").count() == 4


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("GET", "/api/v1/datasets/nul%00name", None),
        ("GET", "/api/v1/datasets?q=wa%00ter", None),
        (
            "POST",
            "/api/v1/datasets",
            {"name": "x\u0000y", "title": {"en": "t"}, "organization": "o"},
        ),
        (
            "POST",
            "/api/v1/datasets",
            {"name": "ok", "title": {"en": "\ud800"}, "organization": "o"},
        ),
    ],
)
def test_text_no_database_can_store_is_a_400_not_a_500(org, editor, api_as, method, path, payload):
    response = api_as(editor).send(method, path, payload)
    assert response.status_code == 400
    assert response.json()["code"] == "request.text"
