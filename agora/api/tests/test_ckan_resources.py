"""Resource actions of the CKAN Action API: links, file uploads and downloads."""

from __future__ import annotations

import base64
import hashlib
import uuid
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agora.catalog.models import Distribution
from agora.core.models import StoredFile

from .shared import assert_matches_schema, call, envelope, error, ok

pytestmark = pytest.mark.django_db

CSV = b"station,ph\nnairobi,7.1\nmombasa,8.0\n"


def upload(api, action: str, fields: dict, content: bytes = CSV, filename: str = "samples.csv"):  # type: ignore[no-untyped-def]
    """POST a multipart form with the file in CKAN's `upload` field."""
    form = {**fields, "upload": SimpleUploadedFile(filename, content, content_type="text/csv")}
    return api.client.post(f"/api/3/action/{action}", form, **api._headers())


def download(client, url: str, **headers: str):  # type: ignore[no-untyped-def]
    return client.get(urlsplit(url).path, **headers)


def _resource_of(dataset) -> Distribution:  # type: ignore[no-untyped-def]
    return dataset.distributions.get()


# ------------------------------------------------------------------ resource_show


def test_resource_show_returns_the_resource(anon_api, public_dataset):
    dist = _resource_of(public_dataset)
    result = ok(call(anon_api, "resource_show", {"id": str(dist.id)}, "GET"))
    assert result["id"] == str(dist.id)
    assert result["package_id"] == str(public_dataset.id)
    assert result["url"] == "https://data.example.org/public.bin"
    assert result["format"] == "CSV"
    assert result["url_type"] is None
    assert result["state"] == "active"


@pytest.mark.parametrize("key", [str(uuid.uuid4()), "not-a-uuid", "x" * 3000])
def test_resource_show_of_an_unknown_resource_is_not_found(anon_api, key):
    err = error(call(anon_api, "resource_show", {"id": key}, "GET"), 404, "Not Found Error")
    assert err["message"] == "Not found: Resource not found"


def test_resource_show_without_an_id_names_it(anon_api):
    assert error(call(anon_api, "resource_show"), 409, "Validation Error")["id"] == [
        "Missing value"
    ]


def test_resource_show_hides_the_resources_of_private_datasets(
    anon_api, api_as, member, other_admin, private_dataset
):
    key = str(_resource_of(private_dataset).id)
    error(call(anon_api, "resource_show", {"id": key}), 404, "Not Found Error")
    error(call(api_as(other_admin), "resource_show", {"id": key}), 404, "Not Found Error")
    assert ok(call(api_as(member), "resource_show", {"id": key}))["id"] == key


# ------------------------------------------------------------------ resource_create (links)


def test_resource_create_adds_a_link_at_the_end(api_as, editor, public_dataset):
    api = api_as(editor)
    data = {
        "package_id": public_dataset.name,
        "name": "Daily counts",
        "description": "One row per day.",
        "url": "https://example.org/counts.csv",
    }
    result = ok(call(api, "resource_create", data))
    assert result["name"] == "Daily counts"
    assert result["description"] == "One row per day."
    assert result["format"] == "CSV"  # guessed from the link, as CKAN does
    assert result["position"] == 1
    assert result["package_id"] == str(public_dataset.id)
    shown = ok(call(api, "package_show", {"id": public_dataset.name}))
    assert [r["id"] for r in shown["resources"]][-1] == result["id"]
    assert shown["num_resources"] == 2
    assert shown["revision_number"] == 2
    assert ok(call(api, "resource_show", {"id": result["id"]})) == result


def test_resource_create_needs_a_url_or_a_file(api_as, editor, public_dataset):
    data = {"package_id": public_dataset.name, "name": "Nothing"}
    err = error(call(api_as(editor), "resource_create", data), 409, "Validation Error")
    assert err["url"] == ["Provide a url or upload a file"]
    assert public_dataset.distributions.count() == 1


def test_resource_create_needs_a_known_dataset(api_as, editor):
    data = {"package_id": "ghost", "url": "https://example.org/x.csv"}
    error(call(api_as(editor), "resource_create", data), 404, "Not Found Error")
    err = error(call(api_as(editor), "resource_create", {}), 409, "Validation Error")
    assert err["package_id"] == ["Missing value"]


def test_resource_create_names_invalid_and_unknown_fields(api_as, editor, public_dataset):
    data = {
        "package_id": public_dataset.name,
        "url": "javascript:alert(1)",
        "size": "big",
        "format": "F" * 65,
        "colour": "red",
        "mimetype": "m" * 200,
    }
    err = error(call(api_as(editor), "resource_create", data), 409, "Validation Error")
    assert {"url", "size", "colour"} <= set(err)
    data = {"package_id": public_dataset.name, "url": "https://example.org/" + "a" * 2000}
    assert "url" in error(call(api_as(editor), "resource_create", data), 409, "Validation Error")
    data = {"package_id": public_dataset.name, "url": "https://example.org/", "mimetype": "m" * 200}
    err = error(call(api_as(editor), "resource_create", data), 409, "Validation Error")
    assert "mimetype" in err
    assert public_dataset.distributions.count() == 1


def test_resource_create_refuses_an_upload_sent_as_a_string(api_as, editor, public_dataset):
    data = {"package_id": public_dataset.name, "upload": "station,ph\n"}
    err = error(call(api_as(editor), "resource_create", data), 409, "Validation Error")
    assert "multipart/form-data" in err["upload"][0]


@pytest.mark.parametrize(
    ("role", "kind", "status"),
    [
        ("anonymous", "public", 403),
        ("member", "public", 403),
        ("other_admin", "public", 403),
        ("member", "private", 403),
        ("stranger", "private", 404),
        ("member", "draft", 404),
    ],
)
def test_resource_create_is_for_those_who_may_edit_the_dataset(
    client_for, role, kind, status, request
):
    dataset = request.getfixturevalue(f"{kind}_dataset")
    data = {"package_id": dataset.name, "url": "https://example.org/x.csv"}
    error(
        call(client_for(role), "resource_create", data),
        status,
        "Authorization Error" if status == 403 else "Not Found Error",
    )
    assert dataset.distributions.count() == 1


# ------------------------------------------------------------------ uploads


def test_resource_create_stores_an_uploaded_file_and_serves_the_same_bytes(
    api_as, editor, anon_api, public_dataset
):
    response = upload(api_as(editor), "resource_create", {"package_id": public_dataset.name})
    result = ok(response)
    digest = hashlib.sha256(CSV).hexdigest()
    assert result["hash"] == digest
    assert result["hash_algorithm"].endswith("checksumAlgorithm_sha256")
    assert result["size"] == len(CSV)
    assert result["format"] == "CSV"
    assert result["mimetype"] == "text/csv"
    assert result["url_type"] == "upload"
    assert result["url"].endswith(f"/resource/{result['id']}/download/samples.csv")
    served = download(anon_api.client, result["url"])
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == CSV
    assert served["ETag"] == f'"{digest}"'
    assert served["Digest"] == "sha-256=" + base64.b64encode(hashlib.sha256(CSV).digest()).decode()
    assert served["Content-Type"].startswith("text/csv")
    assert download(
        anon_api.client, result["url"], HTTP_IF_NONE_MATCH=f'"{digest}"'
    ).status_code == (304)
    shown = envelope(call(anon_api, "package_show", {"id": public_dataset.name}), 200)
    assert_matches_schema("package_show", shown)


def test_the_file_of_a_private_dataset_is_served_to_members_only(
    api_as, editor, member, anon_api, private_dataset
):
    result = ok(upload(api_as(editor), "resource_create", {"package_id": private_dataset.name}))
    assert download(anon_api.client, result["url"]).status_code == 404
    served = download(api_as(member).client, result["url"], HTTP_AUTHORIZATION=api_as(member).token)
    assert served.status_code == 200
    assert served["Cache-Control"] == "private, max-age=0"


def test_the_same_bytes_are_stored_once(api_as, editor, public_dataset, private_dataset):
    api = api_as(editor)
    first = ok(upload(api, "resource_create", {"package_id": public_dataset.name}))
    second = ok(
        upload(api, "resource_create", {"package_id": private_dataset.name}, filename="b.csv")
    )
    assert first["hash"] == second["hash"]
    assert StoredFile.objects.filter(sha256=first["hash"]).count() == 1
    assert first["id"] != second["id"]


def test_an_upload_over_the_limit_is_refused_and_stores_nothing(
    api_as, editor, public_dataset, settings
):
    settings.AGORA_CATALOG_UPLOAD_MAX_BYTES = 1000
    response = upload(
        api_as(editor), "resource_create", {"package_id": public_dataset.name}, b"x" * 5000
    )
    err = error(response, 413, "Request Entity Too Large")
    assert "1000 bytes" in err["message"]
    assert public_dataset.distributions.count() == 1
    assert not StoredFile.objects.exists()


def test_an_upload_just_under_the_limit_is_stored(api_as, editor, public_dataset, settings):
    settings.AGORA_CATALOG_UPLOAD_MAX_BYTES = 1000
    content = b"y" * 1000
    result = ok(
        upload(
            api_as(editor), "resource_create", {"package_id": public_dataset.name}, content, "y.txt"
        )
    )
    assert result["size"] == 1000


# ------------------------------------------------------------------ resource_update / patch


def test_resource_update_replaces_the_fields(api_as, editor, public_dataset):
    dist = _resource_of(public_dataset)
    data = {"id": str(dist.id), "url": "https://example.org/new.json", "name": "New"}
    result = ok(call(api_as(editor), "resource_update", data))
    assert (result["url"], result["name"], result["description"]) == (
        "https://example.org/new.json",
        "New",
        "",
    )
    assert result["format"] == "CSV"  # kept: a format is not guessed over a known one
    dist.refresh_from_db()
    assert dist.url == "https://example.org/new.json"


def test_resource_update_with_a_new_upload_replaces_the_file(api_as, editor, public_dataset):
    api = api_as(editor)
    first = ok(upload(api, "resource_create", {"package_id": public_dataset.name}))
    new = b"station,ph\nkisumu,6.9\n"
    second = ok(upload(api, "resource_update", {"id": first["id"], "name": "v2"}, new, "v2.csv"))
    assert second["id"] == first["id"]
    assert second["hash"] == hashlib.sha256(new).hexdigest()
    assert second["size"] == len(new)
    assert second["url"].endswith("/download/v2.csv")
    assert b"".join(download(api.client, second["url"]).streaming_content) == new


def test_resource_update_without_a_url_keeps_the_uploaded_file(api_as, editor, public_dataset):
    api = api_as(editor)
    first = ok(upload(api, "resource_create", {"package_id": public_dataset.name}))
    second = ok(call(api, "resource_update", {"id": first["id"], "name": "Renamed"}))
    assert (second["hash"], second["url"], second["url_type"]) == (
        first["hash"],
        first["url"],
        "upload",
    )


def test_a_failed_resource_update_changes_nothing(api_as, editor, public_dataset):
    dist = _resource_of(public_dataset)
    data = {"id": str(dist.id), "url": "not a url", "name": "Broken"}
    assert "url" in error(call(api_as(editor), "resource_update", data), 409, "Validation Error")
    dist.refresh_from_db()
    assert (dist.url, dist.title) == ("https://data.example.org/public.bin", "public file")
    public_dataset.refresh_from_db()
    assert public_dataset.revision_number == 1


def test_resource_patch_changes_only_the_given_fields(api_as, editor, public_dataset):
    api = api_as(editor)
    uploaded = ok(
        upload(
            api,
            "resource_create",
            {"package_id": public_dataset.name, "description": "Water samples"},
        )
    )
    patched = ok(call(api, "resource_patch", {"id": uploaded["id"], "name": "Samples"}))
    assert patched["name"] == "Samples"
    for key in ("description", "url", "hash", "size", "format", "url_type", "position"):
        assert patched[key] == uploaded[key], key


def test_resource_patch_may_replace_an_upload_with_a_link(api_as, editor, public_dataset):
    api = api_as(editor)
    uploaded = ok(upload(api, "resource_create", {"package_id": public_dataset.name}))
    data = {
        "id": uploaded["id"],
        "url": "https://example.org/elsewhere.csv",
        "hash": "",
        "size": "",
    }
    patched = ok(call(api, "resource_patch", data))
    assert (patched["url"], patched["url_type"], patched["hash"], patched["size"]) == (
        "https://example.org/elsewhere.csv",
        None,
        "",
        None,
    )


@pytest.mark.parametrize("action", ["resource_update", "resource_patch", "resource_delete"])
def test_resource_changes_are_refused_to_members(api_as, member, public_dataset, action):
    dist = _resource_of(public_dataset)
    data = {"id": str(dist.id), "url": "https://example.org/x.csv"}
    error(call(api_as(member), action, data), 403, "Authorization Error")
    dist.refresh_from_db()
    assert (dist.url, dist.state) == ("https://data.example.org/public.bin", "active")


# ------------------------------------------------------------------ resource_delete


def test_resource_delete_removes_the_resource_from_its_dataset(
    api_as, editor, anon_api, public_dataset
):
    dist = _resource_of(public_dataset)
    assert ok(call(api_as(editor), "resource_delete", {"id": str(dist.id)})) is None
    error(call(anon_api, "resource_show", {"id": str(dist.id)}), 404, "Not Found Error")
    shown = ok(call(anon_api, "package_show", {"id": public_dataset.name}))
    assert (shown["resources"], shown["num_resources"]) == ([], 0)
    error(call(api_as(editor), "resource_delete", {"id": str(dist.id)}), 404, "Not Found Error")
    dist.refresh_from_db()
    assert dist.state == "deleted"


@pytest.mark.parametrize(
    "action", ["resource_create", "resource_update", "resource_patch", "resource_delete"]
)
def test_resource_write_actions_refuse_get(api_as, editor, public_dataset, action):
    dist = _resource_of(public_dataset)
    params = {"id": str(dist.id), "package_id": public_dataset.name, "url": "https://x.org/a"}
    assert (
        "POST" in error(call(api_as(editor), action, params, "GET"), 400, "Bad Request")["message"]
    )
    dist.refresh_from_db()
    assert (dist.url, dist.state) == ("https://data.example.org/public.bin", "active")
