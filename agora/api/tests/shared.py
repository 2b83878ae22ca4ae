"""Helpers for the CKAN Action API tests: calls, envelope checks, schemas, real CKAN responses
and datasets of each visibility.

`call` exists because `ApiClient.action(name, method, **data)` cannot send a field called
`name` or `method` (they collide with its own parameters), and most CKAN payloads have a name.
"""

from __future__ import annotations

import gzip
import json
import uuid
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from agora.catalog.models import Dataset
from agora.catalog.tests.factories import DatasetFactory
from agora.interop.records import DistributionDraft
from agora.testing import shared_data_path

# Everyone the permission tests ask as; the names are fixtures of agora/conftest.py.
ROLES = ("anonymous", "stranger", "member", "editor", "org_admin", "other_admin", "sysadmin")

SCHEMA_DIR = "schemas/ckan-api-response-schemas"


def make_dataset(org, kind: str, **overrides) -> Dataset:
    """A dataset of `org` that is public, private or a draft, with its own tag, theme, format
    and licence, so that any count or facet that leaks it can be told apart."""
    marks = {
        "public": ("open-tag", "ECON", "CSV", "CC-BY-4.0"),
        "private": ("secret-tag", "HEAL", "XLSX", "CC0-1.0"),
        "draft": ("draft-tag", "EDUC", "JSON", "ODbL-1.0"),
    }
    tag, theme, fmt, licence = marks[kind]
    values = {
        "name": f"{kind}-dataset",
        "organization": org,
        "private": kind == "private",
        "state": "draft" if kind == "draft" else "active",
        "tags": [tag],
        "themes": [theme],
        "licence": licence,
        "distributions": [
            DistributionDraft(
                title=f"{kind} file", url=f"https://data.example.org/{kind}.bin", format=fmt
            )
        ],
    }
    values.update(overrides)
    return DatasetFactory(**values)


def call(api: Any, action: str, data: dict[str, Any] | None = None, method: str = "POST"):  # type: ignore[no-untyped-def]
    """Call a CKAN action with a JSON body (POST) or a query string (GET)."""
    path = f"/api/3/action/{action}"
    if method == "GET":
        params = {
            k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in (data or {}).items()
        }
        return api.client.get(path, params, **api._headers())
    return api.client.post(
        path, json.dumps(data or {}), content_type="application/json", **api._headers()
    )


def envelope(response, status: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The decoded CKAN envelope, after checking the status and the keys every answer has."""
    assert response.status_code == status, (response.status_code, response.content[:2000])
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert isinstance(body["help"], str)
    assert "/api/3/action/help_show?name=" in body["help"]
    assert body["success"] is (status == 200)
    return body


def ok(response) -> Any:  # type: ignore[no-untyped-def]
    """The `result` of a successful call."""
    body = envelope(response, 200)
    assert set(body) == {"help", "success", "result"}
    return body["result"]


def error(response, status: int, kind: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The `error` of a failed call, after checking its status and CKAN `__type`."""
    body = envelope(response, status)
    assert set(body) == {"help", "success", "error"}
    assert body["error"]["__type"] == kind, body["error"]
    assert isinstance(body["error"]["message"], str)
    assert body["error"]["message"]
    return body["error"]


# ------------------------------------------------------------------ JSON Schemas of responses


@cache
def _schema_registry() -> Registry:
    """Every schema under its $id and under its bare name ("package_base"), both alone and
    next to the $id, which is what `"$ref": "package_base"` resolves to inside a schema."""
    resources: list[tuple[str, Resource]] = []
    for path in sorted((shared_data_path() / SCHEMA_DIR).glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents, default_specification=DRAFT7)
        bare = path.name.removesuffix(".schema.json")
        folder = contents["$id"].rsplit("/", 1)[0]
        for uri in (contents["$id"], f"{folder}/{bare}", bare):
            resources.append((uri, resource))
    registry: Registry = Registry().with_resources(resources)
    return registry


def _formats() -> FormatChecker:
    """The default checks plus `uuid` and `uri`, which jsonschema checks only with extras.

    `date-time` stays unchecked: real CKAN writes naive timestamps, which RFC 3339 refuses.
    (Whether jsonschema checks it depends on optional packages being installed, so it is
    removed explicitly rather than left to chance.)
    """
    checker = FormatChecker(formats=[f for f in FormatChecker.checkers if f != "date-time"])

    @checker.checks("uuid", raises=ValueError)
    def is_uuid(value: object) -> bool:
        return not isinstance(value, str) or bool(uuid.UUID(value))

    @checker.checks("uri")
    def is_uri(value: object) -> bool:
        parts = urlsplit(value) if isinstance(value, str) else None
        return parts is None or bool(parts.scheme and parts.netloc)

    return checker


def schema_validator(name: str) -> Draft7Validator:
    registry = _schema_registry()
    return Draft7Validator(registry.contents(name), registry=registry, format_checker=_formats())


def assert_matches_schema(name: str, body: dict[str, Any]) -> None:
    errors = sorted(schema_validator(name).iter_errors(body), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


# ------------------------------------------------------------------ real CKAN responses


def ckan_response(relative: str) -> Any:
    """A recorded response of a real CKAN site, from shared/data/ckan-api."""
    path = shared_data_path() / "ckan-api" / relative
    if path.suffix == ".gz":
        return json.loads(gzip.decompress(path.read_bytes()))
    return json.loads(path.read_text(encoding="utf-8"))


# Recorded package_show / package_search responses of three real CKAN sites (2.x), whose
# dataset, resource and organization keys ours must include.
REAL_PACKAGE_SHOWS = (
    "data-gov-uk/example_responses/package_show.json",
    "demo-ckan-org-2017/package_show.17be64bb-da74-4195-9bb8-565c39846af2.json",
    "demo-ckan-org-2017/package_show.62513382-3b26-4bc8-9096-40b6ce8383c0.json",
    "demo-ckan-org-2017/package_show.9c3036b8-f6ac-4a4e-9036-5a3cc90c3900.json",
    "dados-gov-br/package_show.bolsa-familia-pagamentos.json",
)
REAL_PACKAGE_SEARCHES = (
    "data-gov-uk/example_responses/package_search.json",
    "demo-ckan-org-2017/package_search.demo-ckan-2017.json",
    "dados-gov-br/package_search.q-all.rows10.json",
    "dados-gov-br/package_search.organization-aeb.json",
)
REAL_ORGANIZATION_SHOWS = (
    "data-gov-uk/example_responses/organization_show.json",
    "data-gov-uk/example_responses/stable/organization_show.inner.cabinet-office.json",
    "data-gov-uk/example_responses/stable/organization_show_with_datasets.inner.test.json",
)

# Keys that personal data lives in: public CKAN schemas forbid them, we never send them.
PII_KEYS = frozenset({"author", "author_email", "maintainer", "maintainer_email"})
# Keys real CKAN sends that we leave out on purpose, each with its reason.
NOT_OURS: dict[str, str] = {
    "revision_id": "CKAN 2.9 dropped revisions from its API; we send `revision_number`",
    "contact-email": "data.gov.uk (ckanext-dgu) schema field; we send `contact`",
    "contact-name": "data.gov.uk (ckanext-dgu) schema field; we send `contact`",
    "contact-phone": "data.gov.uk (ckanext-dgu) schema field; we send `contact`",
    "foi-email": "data.gov.uk (ckanext-dgu) freedom-of-information contact",
    "foi-name": "data.gov.uk (ckanext-dgu) freedom-of-information contact",
    "foi-phone": "data.gov.uk (ckanext-dgu) freedom-of-information contact",
    "foi-web": "data.gov.uk (ckanext-dgu) freedom-of-information contact",
    "category": "data.gov.uk (ckanext-dgu) organization category; we send `publisher_type`",
    "temporal_coverage-from": "data.gov.uk (ckanext-dgu) field; we send `temporal_coverage`",
    "temporal_coverage-to": "data.gov.uk (ckanext-dgu) field; we send `temporal_coverage`",
    "theme-primary": "data.gov.uk (ckanext-dgu) field; we send `theme` and `groups`",
    "theme-secondary": "data.gov.uk (ckanext-dgu) field; we send `theme` and `groups`",
    "resource_locator_function": "data.gov.uk (ckanext-spatial, INSPIRE) resource field",
    "resource_locator_protocol": "data.gov.uk (ckanext-spatial, INSPIRE) resource field",
    "schema-type": "data.gov.uk (ckanext-dgu) resource field",
    "schema-url": "data.gov.uk (ckanext-dgu) resource field",
    "webstore_url": "CKAN 1.x webstore, replaced by the DataStore (`datastore_active`)",
    "webstore_last_updated": "CKAN 1.x webstore, replaced by the DataStore",
    "packages": "only with include_datasets (checked there)",
}


def real_keys(records: list[dict[str, Any]], part: str) -> set[str]:
    """Keys of the datasets, or of their `resources` / `organization`, in real responses."""
    keys: set[str] = set()
    for record in records:
        if part == "dataset":
            keys |= set(record)
        elif part == "resource":
            for resource in record.get("resources") or []:
                keys |= set(resource)
        elif isinstance(record.get(part), dict):
            keys |= set(record[part])
    return keys - PII_KEYS - set(NOT_OURS)


def real_organizations() -> list[dict[str, Any]]:
    return [_result(ckan_response(path)) for path in REAL_ORGANIZATION_SHOWS]


def _result(body: dict[str, Any]) -> dict[str, Any]:
    """The result of an envelope; the "stable" recordings keep only the result."""
    return body["result"] if "success" in body else body


def real_packages() -> list[dict[str, Any]]:
    shows = [ckan_response(path)["result"] for path in REAL_PACKAGE_SHOWS]
    found = [r for path in REAL_PACKAGE_SEARCHES for r in ckan_response(path)["result"]["results"]]
    return shows + found
