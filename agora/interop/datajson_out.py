"""DCAT-US 1.1 (Project Open Data) data.json, written one dataset at a time.

`catalog_chunks` yields the document in pieces (the envelope, then one dataset per chunk), so a
handler can stream a catalogue of any size with memory that does not grow with it. The fields
that only US federal agencies can fill (`bureauCode`, `programCode`) are not written: Agora's
publishers are not federal agencies, and inventing codes would be false. The tests validate
the output against the non-federal DCAT-US 1.1 schemas and against the federal one minus those
two requirements.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from agora.core.i18n import pick

from .dcat.geometry import bounds
from .records import DatasetRecord, DistributionRecord
from .vocabularies.themes import THEMES

POD_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"
POD_CONTEXT = "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld"

# EU frequency codes -> the ISO 8601 repeating durations DCAT-US uses; codes without an exact
# duration (never, unknown, other, continuously updated) are not written.
ISO_FREQUENCIES: dict[str, str] = {
    "CONT": "R/PT1S",
    "HOURLY": "R/PT1H",
    "DAILY_2": "R/PT12H",
    "DAILY": "R/P1D",
    "WEEKLY_3": "R/P0.33W",
    "WEEKLY_2": "R/P3.5D",
    "WEEKLY": "R/P1W",
    "BIWEEKLY": "R/P2W",
    "MONTHLY_3": "R/P10D",
    "MONTHLY_2": "R/P0.5M",
    "MONTHLY": "R/P1M",
    "BIMONTHLY": "R/P2M",
    "QUARTERLY": "R/P3M",
    "ANNUAL_3": "R/P4M",
    "ANNUAL_2": "R/P6M",
    "ANNUAL": "R/P1Y",
    "BIENNIAL": "R/P2Y",
    "TRIENNIAL": "R/P3Y",
    "QUADRENNIAL": "R/P4Y",
    "QUINQUENNIAL": "R/P5Y",
    "DECENNIAL": "R/P10Y",
    "IRREG": "irregular",
}
# The address part of DCAT-US 1.1's hasEmail pattern ("mailto:" + this), read as JSON Schema
# reads it (ECMAScript: \w is ASCII, $ is the very end).
DCAT_US_EMAIL = re.compile(r"^[\w\_\~\!\$\&\'\(\)\*\+\,\;\=\:.-]+@[\w.-]+\.[\w.-]+?\Z", re.ASCII)
ACCESS_LEVELS = {"PUBLIC": "public", "RESTRICTED": "restricted public", "NON_PUBLIC": "non-public"}


def _iso(value: dt.datetime | dt.date) -> str:
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC) if value.tzinfo else value
        return value.isoformat().replace("+00:00", "Z")
    return value.isoformat()


def _spatial(record: DatasetRecord) -> str | None:
    """A bounding box "west,south,east,north" (DCAT-US's form) or the ISO country codes."""
    if record.spatial:
        west, south, east, north = bounds(record.spatial)
        return ",".join(format(v, "g") for v in (west, south, east, north))
    return ",".join(record.countries) or None


def _distribution(dist: DistributionRecord) -> dict[str, Any]:
    entry: dict[str, Any] = {"@type": "dcat:Distribution"}
    if dist.title:
        entry["title"] = dist.title
    if dist.description:
        entry["description"] = dist.description
    if dist.url:
        entry["downloadURL"] = dist.url
    if dist.media_type:
        entry["mediaType"] = dist.media_type
    if dist.format:
        entry["format"] = dist.format
    return entry


def _keywords(record: DatasetRecord) -> list[str]:
    """DCAT-US requires at least one keyword: the tags, else the themes' English labels."""
    if record.tags:
        return list(record.tags)
    labels = [THEMES[code]["en"] for code in record.themes if code in THEMES]
    return labels or [pick(record.organization.title)[0] or record.organization.name]


def dataset_entry(
    record: DatasetRecord, *, dataset_uri: str, contact_email: str = "", language: str = "en"
) -> dict[str, Any]:
    """One data.json dataset. `contact_email` is the portal's address, used when neither the
    dataset nor its publisher gives one (DCAT-US requires an e-mail for every contact); an
    address DCAT-US would refuse is passed over for the next one."""
    org_name = pick(record.organization.title, language)[0] or record.organization.name
    title = pick(record.title, language)[0] or record.name
    candidates = (record.contact_email, record.organization.email, contact_email)
    email = next((e for e in candidates if e and DCAT_US_EMAIL.match(e)), "")
    contact: dict[str, Any] = {"@type": "vcard:Contact", "fn": record.contact_name or org_name}
    if email:
        contact["hasEmail"] = f"mailto:{email}"
    entry: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "identifier": record.identifier or dataset_uri,
        "title": title,
        "description": pick(record.description, language)[0] or title,
        "keyword": _keywords(record),
        "modified": _iso(record.modified or record.metadata_modified),
        "publisher": {"@type": "org:Organization", "name": org_name},
        "contactPoint": contact,
        "accessLevel": ACCESS_LEVELS.get(record.access_rights or "PUBLIC", "public"),
        "landingPage": record.landing_page or record.page_url,
    }
    entry.update(_optional(record, dataset_uri))
    return entry


def _optional(record: DatasetRecord, dataset_uri: str) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if record.licence and record.licence.url:
        extra["license"] = record.licence.url
    if record.issued:
        extra["issued"] = _iso(record.issued)
    if record.frequency in ISO_FREQUENCIES:
        extra["accrualPeriodicity"] = ISO_FREQUENCIES[record.frequency]
    if record.temporal_start and record.temporal_end:
        extra["temporal"] = f"{_iso(record.temporal_start)}/{_iso(record.temporal_end)}"
    spatial = _spatial(record)
    if spatial:
        extra["spatial"] = spatial
    if record.languages:
        extra["language"] = list(record.languages)
    if record.themes:
        extra["theme"] = [THEMES[c]["en"] for c in record.themes if c in THEMES]
    if record.conforms_to:
        extra["conformsTo"] = record.conforms_to[0]
    if record.in_series:
        extra["isPartOf"] = dataset_uri.rsplit("/", 1)[0] + "/" + record.in_series
    if record.distributions:
        extra["distribution"] = [_distribution(d) for d in record.distributions]
    return extra


def catalog_chunks(entries: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """The whole data.json, in pieces: envelope, then each dataset."""
    head = {
        "@context": POD_CONTEXT,
        "@type": "dcat:Catalog",
        "conformsTo": POD_SCHEMA,
        "describedBy": f"{POD_SCHEMA}/catalog.json",
    }
    yield json.dumps(head, ensure_ascii=False)[:-1].encode("utf-8") + b', "dataset": ['
    separator = b""
    for entry in entries:
        yield separator + json.dumps(entry, ensure_ascii=False).encode("utf-8")
        separator = b",\n"
    yield b"]}\n"
