"""Agora's own types for a dataset on its way in (drafts) and on its way out (records).

Every external format maps to and from these, never to ORM models: mappings stay pure
functions that are easy to test, and a change to the database does not ripple into every
format. Drafts are what a client, a form or a harvester proposes; records are what the
catalogue has, with ids and timestamps, ready to be rendered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

LocalizedText = dict[str, str]
ExtraValue = str | int | float | bool | None


@dataclass
class DistributionDraft:
    id: str | None = None
    title: str = ""
    description: str = ""
    url: str = ""
    format: str = ""
    media_type: str = ""
    byte_size: int | None = None
    checksum_sha256: str = ""


@dataclass
class DatasetDraft:
    """A proposed dataset. `distributions=None` means "leave the distributions as they are"."""

    name: str = ""
    title: LocalizedText = field(default_factory=dict)
    description: LocalizedText = field(default_factory=dict)
    organization: str = ""
    tags: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    licence: str = ""
    countries: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    spatial: dict[str, Any] | None = None
    temporal_start: dt.date | None = None
    temporal_end: dt.date | None = None
    frequency: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_url: str = ""
    issued: dt.datetime | None = None
    modified: dt.datetime | None = None
    version: str = ""
    conforms_to: list[str] = field(default_factory=list)
    access_rights: str = ""
    landing_page: str = ""
    identifier: str = ""
    private: bool = False
    state: str = "active"
    extras: dict[str, ExtraValue] = field(default_factory=dict)
    distributions: list[DistributionDraft] | None = None
    warnings: list[str] = field(default_factory=list)
    # DCAT-AP dataset series: this dataset is itself a series (dcat:DatasetSeries), or it is
    # part of the series named here (the id or name of a series dataset in this catalogue).
    is_series: bool = False
    in_series: str = ""


@dataclass
class OrganizationDraft:
    name: str = ""
    title: LocalizedText = field(default_factory=dict)
    description: LocalizedText = field(default_factory=dict)
    country: str = ""
    publisher_type: str = ""
    parent: str = ""
    image_url: str = ""
    homepage: str = ""
    email: str = ""


@dataclass(frozen=True)
class OrganizationRecord:
    id: str
    name: str
    title: LocalizedText
    description: LocalizedText
    country: str
    publisher_type: str
    parent_id: str | None
    image_url: str
    homepage: str
    email: str
    state: str
    created: dt.datetime
    modified: dt.datetime


@dataclass(frozen=True)
class LicenceRecord:
    id: str
    title: str
    url: str
    is_open: bool


@dataclass(frozen=True)
class DistributionRecord:
    id: str
    dataset_id: str
    title: str
    description: str
    url: str
    is_upload: bool
    file_name: str
    format: str
    media_type: str
    byte_size: int | None
    checksum_sha256: str
    position: int
    state: str
    created: dt.datetime
    modified: dt.datetime


@dataclass(frozen=True)
class DatasetRecord:
    id: str
    name: str
    title: LocalizedText
    description: LocalizedText
    organization: OrganizationRecord
    tags: tuple[str, ...]
    themes: tuple[str, ...]
    licence: LicenceRecord | None
    countries: tuple[str, ...]
    languages: tuple[str, ...]
    spatial: dict[str, Any] | None
    temporal_start: dt.date | None
    temporal_end: dt.date | None
    frequency: str
    contact_name: str
    contact_email: str
    contact_url: str
    issued: dt.datetime | None
    modified: dt.datetime | None
    version: str
    conforms_to: tuple[str, ...]
    access_rights: str
    landing_page: str
    identifier: str
    private: bool
    state: str
    extras: dict[str, ExtraValue]
    harvest_source_id: str | None
    harvest_remote_id: str
    creator_user_id: str | None
    metadata_created: dt.datetime
    metadata_modified: dt.datetime
    revision_number: int
    page_url: str
    distributions: tuple[DistributionRecord, ...]
    is_series: bool = False
    in_series: str | None = None  # the id of the series this dataset is part of
