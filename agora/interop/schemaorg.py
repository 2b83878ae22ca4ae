"""schema.org `Dataset` JSON-LD for dataset pages (what Google Dataset Search reads).

Google's structured-data guide for datasets requires `name` and `description` (50 to 5000
characters) and recommends `url`, `identifier`, `keywords`, `license`, `creator`,
`isAccessibleForFree`, `spatialCoverage`, `temporalCoverage`, `distribution` (DataDownload
with `contentUrl` and `encodingFormat`), `includedInDataCatalog`, `version`, `sameAs` and
`alternateName`. Every one of them that the record can fill truthfully is written; the tests
in agora/interop/tests/test_schemaorg.py list them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from agora.core.i18n import pick

from .dcat.geometry import bounds
from .records import DatasetRecord
from .vocabularies.countries import country_name
from .vocabularies.themes import THEMES

DESCRIPTION_MIN = 50
DESCRIPTION_MAX = 5000


def _description(record: DatasetRecord, title: str, publisher: str, language: str) -> str:
    """The description, completed with facts (who publishes it, where) when it is shorter
    than Google's minimum, and cut at its maximum."""
    text = pick(record.description, language)[0] or title
    if len(text) < DESCRIPTION_MIN:
        text = f"{text.rstrip('.')}. A dataset published by {publisher}."
    if len(text) < DESCRIPTION_MIN:
        text = f"{text} Distributed in {len(record.distributions)} file(s) or link(s)."
    return text[: DESCRIPTION_MAX - 1] + "…" if len(text) > DESCRIPTION_MAX else text


def _spatial(record: DatasetRecord) -> dict[str, Any] | None:
    place: dict[str, Any] = {"@type": "Place"}
    if record.countries:
        place["name"] = ", ".join(country_name(code) for code in record.countries)
    if record.spatial:
        west, south, east, north = bounds(record.spatial)
        if record.spatial.get("type") == "Point":
            geo = {"@type": "GeoCoordinates", "latitude": south, "longitude": west}
        else:
            geo = {"@type": "GeoShape", "box": f"{south} {west} {north} {east}"}
        place["geo"] = geo
    return place if len(place) > 1 else None


def _temporal(record: DatasetRecord) -> str | None:
    start, end = record.temporal_start, record.temporal_end
    if not (start or end):
        return None
    return f"{start.isoformat() if start else '..'}/{end.isoformat() if end else '..'}"


def _when(value: dt.datetime | None) -> str | None:
    return value.date().isoformat() if value else None


def _distribution(record: DatasetRecord) -> list[dict[str, Any]]:
    downloads = []
    for dist in record.distributions:
        if not dist.url:
            continue
        item: dict[str, Any] = {"@type": "DataDownload", "contentUrl": dist.url}
        if dist.title:
            item["name"] = dist.title
        if dist.media_type or dist.format:
            item["encodingFormat"] = dist.media_type or dist.format
        if dist.byte_size is not None:
            item["contentSize"] = f"{dist.byte_size} B"
        if dist.checksum_sha256:
            item["sha256"] = dist.checksum_sha256
        downloads.append(item)
    return downloads


def dataset_jsonld(
    record: DatasetRecord,
    *,
    language: str = "en",
    catalog_name: str = "",
    catalog_url: str = "",
) -> dict[str, Any]:
    """The schema.org Dataset for a dataset page (embed it as application/ld+json)."""
    org = record.organization
    title = pick(record.title, language)[0] or record.name
    publisher_name = pick(org.title, language)[0] or org.name
    publisher: dict[str, Any] = {"@type": "Organization", "name": publisher_name}
    if org.homepage:
        publisher["url"] = org.homepage
    keywords = [*record.tags, *(THEMES[c]["en"] for c in record.themes if c in THEMES)]
    values: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": record.page_url,
        "name": title,
        "description": _description(record, title, publisher_name, language),
        "url": record.page_url,
        "identifier": record.identifier or record.id,
        "alternateName": [
            record.name,
            *(t for lang, t in sorted(record.title.items()) if t != title),
        ],
        "keywords": list(dict.fromkeys(keywords)),
        "creator": publisher,
        "publisher": publisher,
        "isAccessibleForFree": True,
        "license": record.licence.url if record.licence and record.licence.url else None,
        "version": record.version or None,
        "datePublished": _when(record.issued),
        "dateModified": _when(record.modified or record.metadata_modified),
        "inLanguage": list(record.languages) or None,
        "spatialCoverage": _spatial(record),
        "temporalCoverage": _temporal(record),
        "distribution": _distribution(record) or None,
        "sameAs": record.landing_page or None,
    }
    if catalog_name and catalog_url:
        values["includedInDataCatalog"] = {
            "@type": "DataCatalog",
            "name": catalog_name,
            "url": catalog_url,
        }
    return {key: value for key, value in values.items() if value not in (None, [], "")}
