"""The native API's contract: request and response schemas (Pydantic, via Django Ninja).

These are Agora's own types. Responses are built from interop records, requests become
interop drafts, so the API never exposes a model or an engine detail. The OpenAPI document
generated from them is pinned by a snapshot test (agora/api/tests/test_openapi_snapshot.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

LocalizedText = dict[str, str]
ExtraValue = str | int | float | bool | None


class Problem(Schema):
    """An error, as RFC 9457 application/problem+json."""

    type: str = Field(description="A URI naming the kind of problem (urn:agora:problem:<code>)")
    title: str
    status: int
    detail: str
    code: str = Field(description="A stable code, e.g. catalog.name_taken")
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Messages per invalid field"
    )


class OrganizationSummary(Schema):
    id: str
    name: str
    title: LocalizedText


class OrganizationOut(Schema):
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
    dataset_count: int | None = None


class OrganizationIn(Schema):
    name: str = Field(description="2-100 lowercase letters, digits, - and _")
    title: LocalizedText = Field(description="Title per language, e.g. {'en': '...'}")
    description: LocalizedText = Field(default_factory=dict)
    country: str = Field(default="", description="ISO 3166-1 alpha-3 (or alpha-2)")
    publisher_type: str = Field(default="", description="ADMS publisher type code")
    parent: str = Field(default="", description="Parent organization id or name")
    image_url: str = ""
    homepage: str = ""
    email: str = ""


class OrganizationPatch(Schema):
    name: str | None = None
    title: LocalizedText | None = None
    description: LocalizedText | None = None
    country: str | None = None
    publisher_type: str | None = None
    parent: str | None = None
    image_url: str | None = None
    homepage: str | None = None
    email: str | None = None


class LicenceOut(Schema):
    id: str
    title: str
    url: str
    is_open: bool


class DistributionOut(Schema):
    id: str
    dataset_id: str
    title: str
    description: str
    url: str = Field(description="Download URL (Agora's for uploaded files)")
    is_upload: bool
    file_name: str
    format: str
    media_type: str
    byte_size: int | None
    checksum_sha256: str
    position: int
    created: dt.datetime
    modified: dt.datetime


class DistributionIn(Schema):
    id: str | None = Field(default=None, description="Keep an existing distribution (updates)")
    title: str = ""
    description: str = ""
    url: str = Field(default="", description="Link to the file or service")
    format: str = ""
    media_type: str = ""
    byte_size: int | None = None
    checksum_sha256: str = ""


class DistributionPatch(Schema):
    title: str | None = None
    description: str | None = None
    url: str | None = None
    format: str | None = None
    media_type: str | None = None
    byte_size: int | None = None
    checksum_sha256: str | None = None


class DatasetOut(Schema):
    id: str
    name: str
    title: LocalizedText
    description: LocalizedText
    organization: OrganizationSummary
    tags: list[str]
    themes: list[str]
    licence: LicenceOut | None
    countries: list[str]
    languages: list[str]
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
    conforms_to: list[str]
    access_rights: str
    landing_page: str
    identifier: str
    private: bool
    state: str
    extras: dict[str, ExtraValue]
    metadata_created: dt.datetime
    metadata_modified: dt.datetime
    revision_number: int
    page_url: str
    distributions: list[DistributionOut]


class DatasetIn(Schema):
    name: str = Field(description="2-100 lowercase letters, digits, - and _")
    title: LocalizedText = Field(description="Title per language; at least one")
    description: LocalizedText = Field(default_factory=dict, description="Markdown per language")
    organization: str = Field(description="Owner organization id or name")
    tags: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list, description="EU data-theme codes")
    licence: str = Field(default="", description="Licence id (Open Definition register)")
    countries: list[str] = Field(default_factory=list, description="ISO 3166-1 codes")
    languages: list[str] = Field(default_factory=list, description="ISO 639-1 codes")
    spatial: dict[str, Any] | None = Field(default=None, description="GeoJSON geometry")
    temporal_start: dt.date | None = None
    temporal_end: dt.date | None = None
    frequency: str = Field(default="", description="EU frequency code, e.g. ANNUAL")
    contact_name: str = ""
    contact_email: str = ""
    contact_url: str = ""
    issued: dt.datetime | None = None
    modified: dt.datetime | None = None
    version: str = ""
    conforms_to: list[str] = Field(default_factory=list)
    access_rights: str = Field(default="", description="PUBLIC, RESTRICTED or NON_PUBLIC")
    landing_page: str = ""
    identifier: str = ""
    private: bool = False
    state: Literal["active", "draft"] = "active"
    extras: dict[str, ExtraValue] = Field(default_factory=dict)
    distributions: list[DistributionIn] | None = Field(
        default=None, description="Replace the distributions; omit to keep them"
    )


class DatasetPatch(Schema):
    """Only the fields given change (JSON merge semantics at the top level)."""

    name: str | None = None
    title: LocalizedText | None = None
    description: LocalizedText | None = None
    organization: str | None = None
    tags: list[str] | None = None
    themes: list[str] | None = None
    licence: str | None = None
    countries: list[str] | None = None
    languages: list[str] | None = None
    spatial: dict[str, Any] | None = None
    temporal_start: dt.date | None = None
    temporal_end: dt.date | None = None
    frequency: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_url: str | None = None
    issued: dt.datetime | None = None
    modified: dt.datetime | None = None
    version: str | None = None
    conforms_to: list[str] | None = None
    access_rights: str | None = None
    landing_page: str | None = None
    identifier: str | None = None
    private: bool | None = None
    state: Literal["active", "draft"] | None = None
    extras: dict[str, ExtraValue] | None = None


class DatasetPage(Schema):
    items: list[DatasetOut]
    next_cursor: str | None = Field(description="Pass as `cursor` to get the next page")


class OrganizationPage(Schema):
    items: list[OrganizationOut]
    next_cursor: str | None


class RevisionSummary(Schema):
    number: int
    created_at: dt.datetime
    actor_name: str
    action: str


class RevisionOut(RevisionSummary):
    data: dict[str, Any]


class CountryOut(Schema):
    code: str = Field(description="ISO 3166-1 alpha-3")
    alpha2: str
    numeric: str
    name: str
    official_name: str
    region_code: str
    region_name: str
    subregion_code: str
    subregion_name: str
    intermediate_region_code: str
    intermediate_region_name: str
    un_status: str
    dataset_count: int | None = None


class ThemeOut(Schema):
    code: str
    uri: str
    labels: LocalizedText


class MemberOut(Schema):
    user: str
    role: Literal["member", "editor", "admin"]


class MemberIn(Schema):
    role: Literal["member", "editor", "admin"]


class TokenIn(Schema):
    name: str
    expires_at: dt.datetime | None = None


class TokenOut(Schema):
    id: str
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreated(TokenOut):
    token: str = Field(description="The secret; shown this once only")


class MeOut(Schema):
    id: str | None
    username: str
    authenticated: bool
    sysadmin: bool
    memberships: list[dict[str, str]]
