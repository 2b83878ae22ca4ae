"""Frictionless Data Package (v2) descriptor of a dataset: datapackage.json.

Resources are the distributions, each with its `path` (URL), `format`, `mediatype`, `bytes`
and `hash` ("sha256:<hex>", the v2 form). A Table Schema is included for a resource when the
caller knows one (`schemas`, by distribution id: the tabular store infers them); nothing is
guessed here. Spec: https://datapackage.org/standard/data-package/ .
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from agora.core.i18n import pick

from .records import DatasetRecord, DistributionRecord

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"


def _resource_name(dist: DistributionRecord, taken: set[str]) -> str:
    """Lower-case letters, digits, "-", "_" and "."; unique within the package."""
    base = dist.file_name or dist.title or dist.url.rsplit("/", 1)[-1] or "resource"
    name = re.sub(r"[^a-z0-9._-]+", "-", base.lower()).strip("-.") or "resource"
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _resource(
    dist: DistributionRecord, taken: set[str], schema: Mapping[str, Any] | None
) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "$schema": RESOURCE_PROFILE,
        "name": _resource_name(dist, taken),
        "path": dist.url,
    }
    if dist.title:
        resource["title"] = dist.title
    if dist.description:
        resource["description"] = dist.description
    if dist.format:
        resource["format"] = dist.format.lower()
    if dist.media_type:
        resource["mediatype"] = dist.media_type
    if dist.byte_size is not None:
        resource["bytes"] = dist.byte_size
    if dist.checksum_sha256:
        resource["hash"] = f"sha256:{dist.checksum_sha256}"
    if schema:
        resource["type"] = "table"
        resource["schema"] = dict(schema)
    return resource


def datapackage(
    record: DatasetRecord,
    *,
    dataset_uri: str,
    language: str = "en",
    schemas: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    schemas = schemas or {}
    org = record.organization
    publisher = pick(org.title, language)[0] or org.name
    taken: set[str] = set()
    contributor: dict[str, Any] = {"title": publisher, "roles": ["publisher"]}
    if org.homepage:
        contributor["path"] = org.homepage
    package: dict[str, Any] = {
        "$schema": PROFILE,
        "name": record.name,
        "id": dataset_uri,
        "title": pick(record.title, language)[0] or record.name,
        "description": pick(record.description, language)[0],
        "homepage": record.landing_page or record.page_url,
        "version": record.version,
        "created": record.issued.isoformat() if record.issued else None,
        "keywords": list(record.tags),
        "contributors": [
            {
                "title": publisher,
                "roles": ["publisher"],
                **({"path": org.homepage} if org.homepage else {}),
            }
        ],
        "resources": [
            _resource(dist, taken, schemas.get(dist.id))
            for dist in record.distributions
            if dist.url
        ],
    }
    if record.licence:
        licence: dict[str, Any] = {"name": record.licence.id, "title": record.licence.title}
        if record.licence.url:
            licence["path"] = record.licence.url
        package["licenses"] = [licence]
    return {key: value for key, value in package.items() if value not in (None, "", [])}
