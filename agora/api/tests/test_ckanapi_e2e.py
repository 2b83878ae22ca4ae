"""End to end: the real `ckanapi` client (CLI and RemoteCKAN) against real Agora servers.

Two fresh Agora instances run as subprocesses on the engine of this test run (see live.py).
Instance A is filled through `ckanapi action` (organizations, multilingual datasets, a private
one, a file upload), searched, and dumped with `ckanapi dump`; instance B starts empty and is
filled with `ckanapi load` from those dumps. B's dump must then equal A's, except for the
fields listed in INSTANCE_FIELDS, which legitimately differ between two instances.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ckanapi import RemoteCKAN
from ckanapi.errors import NotAuthorized, NotFound, ValidationError

from .live import LiveInstance, live_instances

pytestmark = pytest.mark.live

# Fields that differ between two instances holding the same catalogue, with the reason. The
# comparison drops exactly these and nothing else.
INSTANCE_FIELDS: dict[str, dict[str, str]] = {
    "dataset": {
        "metadata_created": "when the record was written on this instance",
        "metadata_modified": "when the record was last written on this instance",
        "revision_number": "counts the edits made on this instance (A had a resource added)",
        "creator_user_id": "each instance has its own sysadmin, who created the copy",
    },
    "organization": {
        "created": "when the organization was created on this instance",
    },
    "resource": {
        "created": "when the resource was written on this instance",
        "last_modified": "when the resource was last written on this instance",
        "metadata_modified": "when the resource was last written on this instance",
        # url_type is checked separately (check_upload_became_link): A hosts the uploaded
        # file ("upload"); B links to A's copy of it, so there it is a plain link (None).
        "url_type": "an upload on A is a link to A's file on B",
    },
}

ORGANIZATIONS = [
    {
        "name": "ministry-of-health",
        "title_translated": {
            "en": "Ministry of Health",
            "fr": "Ministère de la Santé",
            "ar": "وزارة الصحة",
        },
        "description": "Health statistics and services.",
        "homepage": "https://health.example.org/",
    },
    {
        "name": "statistics-office",
        "title": "National Statistics Office",
        "description": "Official statistics.",
    },
]

HOSPITAL_BEDS = {
    "name": "hospital-beds",
    "owner_org": "ministry-of-health",
    "title_translated": {
        "en": "Hospital beds per region",
        "fr": "Lits d'hôpital par région",
        "es": "Camas de hospital por región",
        "zh-hans": "各地区医院床位",
    },
    "notes_translated": {"en": "Beds in public hospitals.", "fr": "Lits des hôpitaux publics."},
    "tags": [{"name": "health"}, {"name": "hospitals"}],
    "groups": [{"name": "heal"}],
    "license_id": "CC-BY-4.0",
    "url": "https://health.example.org/beds",
    "resources": [
        {"name": "Beds (CSV)", "url": "https://health.example.org/beds.csv", "format": "CSV"},
        {"name": "Beds API", "url": "https://api.example.org/beds", "format": "JSON"},
    ],
    "extras": [{"key": "source_system", "value": "HMIS"}, {"key": "coverage", "value": "all"}],
}
CENSUS = {
    "name": "population-census-2020",
    "owner_org": "statistics-office",
    "title": "Population census 2020",
    "notes": "Counts of people by region, age and sex.",
    "tags": [{"name": "census"}, {"name": "population"}],
    "groups": [{"name": "soci"}, {"name": "regi"}],
    "license_id": "ODbL-1.0",
    "resources": [
        {"name": "Census tables", "url": "https://stats.example.org/census.xlsx", "format": "XLSX"}
    ],
    "extras": [{"key": "collection_mode", "value": "door-to-door"}],
    # DCAT-AP fields (ckanext-dcat names) must survive the copy too.
    "issued": "2021-03-01",
    "modified": "2022-06-30T12:00:00",
    "frequency": "ANNUAL",
    "language": ["en", "fr"],
    "countries": ["KEN"],
    "temporal_coverage": [{"start": "2020-01-01", "end": "2020-12-31"}],
    "contact": [{"name": "Census desk", "email": "census@stats.example.org"}],
}
PRIVATE = {
    "name": "vaccination-draft-figures",
    "owner_org": "ministry-of-health",
    "title_translated": {"en": "Vaccination draft figures", "ru": "Предварительные данные"},
    "private": True,
    "tags": [{"name": "health"}, {"name": "vaccination"}],
    "groups": [{"name": "heal"}],
    "license_id": "CC0-1.0",
    "resources": [
        {"name": "Draft", "url": "https://health.example.org/vaccination.csv", "format": "CSV"}
    ],
}
PUBLIC_NAMES = {"hospital-beds", "population-census-2020", "road-traffic-counts"}
UPLOAD_BYTES = "region,beds\nNord,1200\nSüd,830\nÎle,75\n".encode()


@pytest.fixture(scope="module")
def instances() -> Iterator[tuple[LiveInstance, LiveInstance]]:
    run_url = os.environ.get("DATABASE_URL", "sqlite:///")
    with live_instances(["a", "b"], run_url=run_url) as (a, b):
        yield a, b


@pytest.fixture(scope="module")
def site_a(instances) -> LiveInstance:
    return instances[0]


@pytest.fixture(scope="module")
def site_b(instances) -> LiveInstance:
    return instances[1]


def action(site: LiveInstance, name: str, *args: str | Path, token: str | None = None) -> Any:
    """`ckanapi action NAME ARGS -j` against `site`, the JSON result decoded."""
    return json.loads(site.ckanapi("action", name, *args, "-j", token=token))


def action_json(site: LiveInstance, name: str, data: dict[str, Any], tmp_path: Path) -> Any:
    """`ckanapi action NAME -I file.json`: the whole dict, as a client script would send it."""
    path = tmp_path / f"{name}-{data.get('name', 'input')}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return action(site, name, "-I", path)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


# ----------------------------------------------------------------------------- tests


def test_ckanapi_status_show_reports_our_site(site_a):
    status = json.loads(site_a.ckanapi("action", "status_show", token=""))

    assert status["site_title"] == site_a.site_title
    assert status["site_url"] == site_a.url
    assert status["ckan_version"].startswith("2.")


def test_ckanapi_copies_a_catalogue_from_one_agora_to_another(site_a, site_b, tmp_path):
    publish_catalogue(site_a, tmp_path)
    upload = upload_file(site_a, tmp_path)
    check_search(site_a)

    orgs_a, datasets_a = dump(site_a, tmp_path / "a")
    check_dump_holds_what_was_published(orgs_a, datasets_a, upload)
    assert names_of(datasets_a) == all_dataset_names(site_a), "dump must hold every dataset"

    assert action(site_b, "package_list", "include_private=true") == [], "B must start empty"
    records = names_of(orgs_a) | names_of(datasets_a)
    assert load(site_b, tmp_path / "a", tmp_path / "load.log") == dict.fromkeys(records, "create")
    orgs_b, datasets_b = dump(site_b, tmp_path / "b")

    check_upload_became_link(datasets_a, datasets_b, upload)
    assert comparable(orgs_b, "organization") == comparable(orgs_a, "organization")
    assert comparable(datasets_b, "dataset") == comparable(datasets_a, "dataset")

    # Loading the same dumps again updates every record in place and changes nothing.
    assert load(site_b, tmp_path / "a", tmp_path / "load.log") == dict.fromkeys(records, "update")
    orgs_b, datasets_b = dump(site_b, tmp_path / "b-again")
    assert comparable(orgs_b, "organization") == comparable(orgs_a, "organization")
    assert comparable(datasets_b, "dataset") == comparable(datasets_a, "dataset")


def test_ckanapi_errors_come_back_as_ckanapi_exceptions(site_a):
    admin = RemoteCKAN(site_a.url, apikey=site_a.token)
    admin.action.organization_create(name="errors-office", title="Errors office")
    admin.action.package_create(name="taken-name", owner_org="errors-office", title="Taken")

    with pytest.raises(ValidationError) as duplicate:
        admin.action.package_create(name="taken-name", owner_org="errors-office")
    assert duplicate.value.error_dict["name"] == ["That URL is already in use."]

    # A wrong token is refused, for reads too: never silently treated as anonymous.
    wrong = RemoteCKAN(site_a.url, apikey="agora_not-a-real-token")
    with pytest.raises(NotAuthorized):
        wrong.action.package_create(name="never-created", owner_org="errors-office")
    with pytest.raises(NotAuthorized):
        wrong.action.package_search(q="taken")
    with pytest.raises(NotFound):
        admin.action.package_show(id="never-created")

    # The CLI raises the same exceptions (and exits non-zero with their traceback).
    failed = site_a.ckanapi_error("action", "package_show", "id=no-such-dataset")
    assert "ckanapi.errors.NotFound" in failed
    failed = site_a.ckanapi_error(
        "action", "package_create", "name=taken-name", "owner_org=errors-office"
    )
    assert "ckanapi.errors.ValidationError" in failed
    failed = site_a.ckanapi_error("action", "status_show", token="agora_not-a-real-token")
    assert "ckanapi.errors.NotAuthorized" in failed


# ----------------------------------------------------------------------------- steps


def publish_catalogue(site: LiveInstance, tmp_path: Path) -> None:
    """Organizations and datasets through `ckanapi action`, in the forms clients use."""
    for org in ORGANIZATIONS:
        created = action_json(site, "organization_create", org, tmp_path)
        assert created["name"] == org["name"]
    for package in (HOSPITAL_BEDS, CENSUS, PRIVATE):
        created = action_json(site, "package_create", package, tmp_path)
        assert created["name"] == package["name"]
        assert created["private"] is bool(package.get("private"))
    created = action(
        site,
        "package_create",
        "name=road-traffic-counts",
        "title=Road traffic counts",
        "owner_org=statistics-office",
        "license_id=CC0-1.0",
        'tags:[{"name": "transport"}]',
        'groups:[{"name": "tran"}]',
        'resources:[{"name": "Counts", "url": "https://roads.example.org/counts.csv"}]',
    )
    assert created["groups"][0]["name"] == "tran"
    assert created["resources"][0]["format"] == "CSV", "format guessed from the URL"


def upload_file(site: LiveInstance, tmp_path: Path) -> dict[str, Any]:
    """`upload=@file`: ckanapi sends multipart; Agora stores the bytes by their SHA-256."""
    path = tmp_path / "beds-by-region.csv"
    path.write_bytes(UPLOAD_BYTES)
    resource = action(
        site,
        "resource_create",
        "package_id=hospital-beds",
        "name=Beds by region (upload)",
        "format=CSV",
        f"upload@{path}",
    )
    assert resource["hash"] == hashlib.sha256(UPLOAD_BYTES).hexdigest()
    assert resource["size"] == len(UPLOAD_BYTES)
    assert resource["url_type"] == "upload"
    assert resource["url"].startswith(f"{site.url}/dataset/")
    with urllib.request.urlopen(resource["url"], timeout=10) as response:
        assert response.read() == UPLOAD_BYTES
    return resource


def search(site: LiveInstance, *args: str, token: str | None = "") -> set[str]:
    """Names found by `ckanapi action package_search` (anonymous unless a token is given)."""
    result = action(site, "package_search", *args, "rows=100", token=token)
    names = names_of(result["results"])
    assert result["count"] == len(names)
    return names


def check_search(site: LiveInstance) -> None:
    # These servers run without a task worker: apply the waiting changes to the search index
    # the way the worker would (agora search sync), then search.
    site.agora("search", "sync")
    assert search(site, "q=hospital") == {"hospital-beds"}
    assert search(site, "q=lits") == {"hospital-beds"}, "other languages are searched too"
    assert search(site, "fq=tags:census") == {"population-census-2020"}
    assert search(site, "fq=groups:tran") == {"road-traffic-counts"}
    assert search(site, "q=population", "fq=organization:statistics-office") == {
        "population-census-2020"
    }
    assert search(site, "fq=license_id:ODbL-1.0") == {"population-census-2020"}
    assert search(site, "q=*:*") >= PUBLIC_NAMES
    # The private dataset: invisible to anonymous callers, found by the sysadmin on request.
    assert search(site, "fq=tags:health") == {"hospital-beds"}
    assert search(site, "q=vaccination") == set()
    assert search(site, "fq=tags:health", "include_private=true", token=None) == {
        "hospital-beds",
        "vaccination-draft-figures",
    }
    with pytest.raises(NotFound):
        RemoteCKAN(site.url).action.package_show(id="vaccination-draft-figures")


def dump(site: LiveInstance, folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """`ckanapi dump organizations|datasets --all` (with private datasets) to JSON lines."""
    folder.mkdir()
    site.ckanapi("dump", "organizations", "--all", "-O", folder / "organizations.jsonl")
    site.ckanapi("dump", "datasets", "--all", "--include-private", "-O", folder / "datasets.jsonl")
    return read_jsonl(folder / "organizations.jsonl"), read_jsonl(folder / "datasets.jsonl")


def load(site: LiveInstance, folder: Path, log: Path) -> dict[str, str]:
    """`ckanapi load organizations` then `datasets`; returns what ckanapi did with each record
    ("create" or "update"), as its log says. A record that fails makes ckanapi exit with 3."""
    log.unlink(missing_ok=True)
    for thing in ("organizations", "datasets"):
        site.ckanapi("load", thing, "-I", folder / f"{thing}.jsonl", "-l", log)
    done = {}
    for _, _, act, error, name in (json.loads(line) for line in log.read_text().splitlines()):
        assert error is None, f"ckanapi load: {act} of {name} failed: {error}"
        done[name] = act
    return done


def all_dataset_names(site: LiveInstance) -> set[str]:
    return search(site, "include_private=true", "include_drafts=true", token=None)


def names_of(records: list[dict[str, Any]]) -> set[str]:
    return {record["name"] for record in records}


def by_name(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {record["name"]: record for record in records}


def check_dump_holds_what_was_published(
    orgs: list[dict[str, Any]], datasets: list[dict[str, Any]], upload: dict[str, Any]
) -> None:
    """A's dump must carry what was sent, or comparing it with B's would prove little."""
    organizations = by_name(orgs)
    assert (
        organizations["ministry-of-health"]["title_translated"]
        == (ORGANIZATIONS[0]["title_translated"])
    )
    assert organizations["statistics-office"]["title"] == "National Statistics Office"
    packages = by_name(datasets)
    beds = packages["hospital-beds"]
    # Language tags keep their primary subtag only (agora.core.i18n): zh-hans is stored as zh.
    sent = dict(HOSPITAL_BEDS["title_translated"])
    sent["zh"] = sent.pop("zh-hans")
    assert beds["title_translated"] == sent
    assert beds["notes_translated"] == HOSPITAL_BEDS["notes_translated"]
    assert {t["name"] for t in beds["tags"]} == {"health", "hospitals"}
    assert [g["name"] for g in beds["groups"]] == ["heal"]
    assert beds["license_id"] == "CC-BY-4.0"
    assert beds["organization"]["name"] == "ministry-of-health"
    assert {e["key"]: e["value"] for e in beds["extras"]} == {
        "source_system": "HMIS",
        "coverage": "all",
    }
    assert [r["url"] for r in beds["resources"]] == [
        "https://health.example.org/beds.csv",
        "https://api.example.org/beds",
        upload["url"],
    ]
    assert beds["resources"][2]["hash"] == upload["hash"]
    census = packages["population-census-2020"]
    assert sorted(g["name"] for g in census["groups"]) == ["regi", "soci"]
    assert census["license_id"] == "ODbL-1.0"
    assert census["issued"] == "2021-03-01T00:00:00.000000"  # CKAN's timestamp format
    assert census["modified"] == "2022-06-30T12:00:00.000000"
    assert census["frequency"].endswith("/ANNUAL")
    assert (census["language"], census["countries"]) == (["en", "fr"], ["KEN"])
    assert census["temporal_coverage"] == [{"start": "2020-01-01", "end": "2020-12-31"}]
    assert census["contact"][0]["email"] == "census@stats.example.org"
    assert packages["vaccination-draft-figures"]["private"] is True
    assert packages["vaccination-draft-figures"]["title_translated"]["ru"] == (
        "Предварительные данные"
    )
    assert not any(p["private"] for n, p in packages.items() if n in PUBLIC_NAMES)


def check_upload_became_link(
    datasets_a: list[dict[str, Any]], datasets_b: list[dict[str, Any]], upload: dict[str, Any]
) -> None:
    """B did not copy the file: its resource links to A's, with the same id, hash and size."""
    copied = {r["id"]: r for d in datasets_b for r in d["resources"]}[upload["id"]]
    assert copied["url"] == upload["url"]
    assert copied["url_type"] is None
    assert (copied["hash"], copied["size"]) == (upload["hash"], upload["size"])
    for dataset in datasets_a:
        for resource in dataset["resources"]:
            expected = "upload" if resource["id"] == upload["id"] else None
            assert resource["url_type"] == expected
    for dataset in datasets_b:
        assert all(r["url_type"] is None for r in dataset["resources"])


def comparable(records: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    """Records by name without the INSTANCE_FIELDS (nested organizations and resources too)."""
    result = {}
    for record in copy.deepcopy(records):
        _drop(record, kind)
        if kind == "dataset":
            _drop(record["organization"], "organization")
            for resource in record["resources"]:
                _drop(resource, "resource")
        result[record["name"]] = record
    return result


def _drop(record: dict[str, Any], kind: str) -> None:
    for field in INSTANCE_FIELDS[kind]:
        assert field in record, f"{kind} has no {field}: update INSTANCE_FIELDS"
        del record[field]
