"""CKAN package, resource and organization dicts, both ways (pure functions).

Outbound dicts have the keys and shapes of CKAN 2.10+ `package_show` (checked against real
responses in shared/data/ckan-api and the response schemas there). DCAT-AP properties that
core CKAN lacks use the field names of ckanext-dcat's scheming profile (`issued`, `modified`,
`theme`, `language`, `frequency`, `contact`, `temporal_coverage`, `spatial_coverage`, ...), and
multilingual text uses ckanext-fluent's `*_translated`, so clients of those extensions
understand them. Contact details go out as `contact` (never `author`/`maintainer`, which
public CKAN schemas treat as personal data) and are accepted either way on input.

Inbound, every key a client may send is either mapped, accepted as read-only (CKAN clients
such as `ckanapi load` send back what `package_show` gave them), or reported by name as
unexpected.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from typing import Any

from agora.core.i18n import UN_LANGUAGES, normalise_language, pick

from .records import (
    DatasetDraft,
    DatasetRecord,
    DistributionDraft,
    DistributionRecord,
    ExtraValue,
    LocalizedText,
    OrganizationDraft,
    OrganizationRecord,
)
from .vocabularies.access_rights import ACCESS_RIGHTS_BASE_URI, access_rights_code_from
from .vocabularies.frequencies import frequency_code_from, frequency_uri
from .vocabularies.themes import THEMES, theme_code_from, theme_uri

Errors = dict[str, list[str]]
TAG_NAMESPACE = uuid.UUID("6f3c1f0e-7c53-4b0e-9f5e-2b8a61a0c0de")
SHA256_ALGORITHM = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"


def theme_group(code: str, *, language: str = "en") -> dict[str, Any]:
    """A theme as a CKAN group: Agora's groups are the EU data themes."""
    title = pick(THEMES.get(code, {}), language)[0] or code
    return {
        "id": str(uuid.uuid5(TAG_NAMESPACE, theme_uri(code))),
        "name": code.lower(),
        "title": title,
        "display_name": title,
        "description": "",
        "image_display_url": "",
    }


def tag_id(name: str) -> str:
    """Tags get the same id on every Agora instance: a UUIDv5 of their name."""
    return str(uuid.uuid5(TAG_NAMESPACE, name))


def ckan_time(value: dt.datetime | None) -> str | None:
    """CKAN writes naive UTC timestamps with microseconds ("2018-09-11T12:08:27.268889")."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return ckan_time(value)
    return value.isoformat()


# ----------------------------------------------------------------------------- outbound


def organization_dict(
    org: OrganizationRecord, *, language: str = "en", package_count: int | None = None
) -> dict[str, Any]:
    title = pick(org.title, language)[0] or org.name
    result: dict[str, Any] = {
        "id": org.id,
        "name": org.name,
        "title": title,
        "display_name": title,
        "title_translated": dict(org.title),
        "description": pick(org.description, language)[0],
        "description_translated": dict(org.description),
        "image_url": org.image_url,
        "image_display_url": org.image_url,
        "created": ckan_time(org.created),
        "is_organization": True,
        "type": "organization",
        "state": org.state,
        "approval_status": "approved",
        "num_followers": 0,
        "groups": [],
        "tags": [],
        "extras": [],
        "country": org.country or None,
        "publisher_type": org.publisher_type or None,
        "homepage": org.homepage or None,
        "parent_id": org.parent_id,
    }
    if package_count is not None:
        result["package_count"] = package_count
    return result


def resource_dict(dist: DistributionRecord) -> dict[str, Any]:
    return {
        "id": dist.id,
        "package_id": dist.dataset_id,
        "name": dist.title,
        "description": dist.description,
        "url": dist.url,
        "url_type": "upload" if dist.is_upload else None,
        "format": dist.format,
        "mimetype": dist.media_type or None,
        "mimetype_inner": None,
        "size": dist.byte_size,
        "hash": dist.checksum_sha256,
        "hash_algorithm": SHA256_ALGORITHM if dist.checksum_sha256 else None,
        "position": dist.position,
        "state": dist.state,
        "created": ckan_time(dist.created),
        "last_modified": ckan_time(dist.modified),
        "metadata_modified": ckan_time(dist.modified),
        "cache_url": None,
        "cache_last_updated": None,
        "datastore_active": False,
        "resource_type": None,
    }


def _extra_text(value: ExtraValue) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def package_dict(record: DatasetRecord, *, language: str = "en") -> dict[str, Any]:
    licence = record.licence
    tags = [
        {"id": tag_id(t), "name": t, "display_name": t, "state": "active", "vocabulary_id": None}
        for t in record.tags
    ]
    contact = (
        [{"name": record.contact_name, "email": record.contact_email, "url": record.contact_url}]
        if (record.contact_name or record.contact_email or record.contact_url)
        else []
    )
    temporal = (
        [{"start": _iso(record.temporal_start), "end": _iso(record.temporal_end)}]
        if (record.temporal_start or record.temporal_end)
        else []
    )
    return {
        "id": record.id,
        "name": record.name,
        "title": pick(record.title, language)[0],
        "title_translated": dict(record.title),
        "notes": pick(record.description, language)[0],
        "notes_translated": dict(record.description),
        "type": "dataset_series" if record.is_series else "dataset",
        "state": record.state,
        "private": record.private,
        "owner_org": record.organization.id,
        "organization": organization_dict(record.organization, language=language),
        "license_id": licence.id if licence else "",
        "license_title": licence.title if licence else "",
        "license_url": licence.url if licence else "",
        "isopen": bool(licence and licence.is_open),
        "url": record.landing_page,
        "version": record.version or None,
        "metadata_created": ckan_time(record.metadata_created),
        "metadata_modified": ckan_time(record.metadata_modified),
        "creator_user_id": record.creator_user_id,
        "tags": tags,
        "num_tags": len(tags),
        "resources": [resource_dict(d) for d in record.distributions],
        "num_resources": len(record.distributions),
        "groups": [theme_group(code, language=language) for code in record.themes],
        "extras": [{"key": k, "value": _extra_text(v)} for k, v in sorted(record.extras.items())],
        "relationships_as_object": [],
        "relationships_as_subject": [],
        "identifier": record.identifier or None,
        "issued": _iso(record.issued),
        "modified": _iso(record.modified),
        "frequency": frequency_uri(record.frequency) if record.frequency else None,
        "theme": [theme_uri(code) for code in record.themes],
        "language": list(record.languages),
        "countries": list(record.countries),
        "conforms_to": list(record.conforms_to),
        "access_rights": (
            ACCESS_RIGHTS_BASE_URI + record.access_rights if record.access_rights else None
        ),
        "contact": contact,
        "temporal_coverage": temporal,
        "spatial_coverage": [{"geom": record.spatial}] if record.spatial else [],
        "spatial": json.dumps(record.spatial) if record.spatial else None,
        "revision_number": record.revision_number,
        # ckanext-dcat's names for DCAT-AP dataset series.
        "in_series": [record.in_series] if record.in_series else [],
    }


# ----------------------------------------------------------------------------- inbound

PACKAGE_FIELDS = frozenset(
    {
        "name",
        "title",
        "title_translated",
        "notes",
        "notes_translated",
        "owner_org",
        "private",
        "state",
        "url",
        "version",
        "license_id",
        "tags",
        "tag_string",
        "extras",
        "resources",
        "author",
        "author_email",
        "maintainer",
        "maintainer_email",
        "issued",
        "modified",
        "identifier",
        "frequency",
        "theme",
        "language",
        "countries",
        "conforms_to",
        "access_rights",
        "contact",
        "temporal_coverage",
        "spatial_coverage",
        "spatial",
        "groups",
        "in_series",
    }
)
# Keys that CKAN computes; clients send them back (ckanapi load does) and we ignore them.
PACKAGE_READ_ONLY = frozenset(
    {
        "id",
        "type",
        "metadata_created",
        "metadata_modified",
        "organization",
        "num_tags",
        "num_resources",
        "isopen",
        "license_title",
        "license_url",
        "creator_user_id",
        "relationships_as_object",
        "relationships_as_subject",
        "revision_id",
        "revision_number",
        "tracking_summary",
        "display_name",
    }
)
RESOURCE_FIELDS = frozenset(
    {
        "id",
        "name",
        "description",
        "url",
        "format",
        "mimetype",
        "size",
        "hash",
        "hash_algorithm",
        "url_type",
        "access_url",
        "download_url",
    }
)
RESOURCE_READ_ONLY = frozenset(
    {
        "package_id",
        "position",
        "state",
        "created",
        "last_modified",
        "metadata_modified",
        "cache_url",
        "cache_last_updated",
        "datastore_active",
        "mimetype_inner",
        "resource_type",
        "revision_id",
        "tracking_summary",
    }
)
ORGANIZATION_FIELDS = frozenset(
    {
        "name",
        "title",
        "title_translated",
        "description",
        "description_translated",
        "image_url",
        "country",
        "publisher_type",
        "homepage",
        "email",
        "parent_id",
        "users",
        "extras",
        "groups",
    }
)
ORGANIZATION_READ_ONLY = frozenset(
    {
        "id",
        "created",
        "is_organization",
        "type",
        "state",
        "approval_status",
        "package_count",
        "num_followers",
        "display_name",
        "image_display_url",
        "tags",
        "packages",
        "revision_id",
    }
)
UNEXPECTED = "The input field {} was not expected."


class _Reader:
    """Reads typed values out of a client dict, collecting errors by field name."""

    def __init__(self, data: Mapping[str, Any], prefix: str = "") -> None:
        self.data = data
        self.prefix = prefix
        self.errors: Errors = {}

    def error(self, key: str, message: str) -> None:
        self.errors.setdefault(self.prefix + key, []).append(message)

    def unexpected(self, allowed: frozenset[str], ignored: frozenset[str]) -> None:
        for key in self.data:
            if key not in allowed and key not in ignored:
                self.error(str(key), UNEXPECTED.format(key))

    def text(self, key: str, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(key, "Must be a string")
            return default
        return str(value).strip()

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0"):
            return value.strip().lower() in ("true", "1")
        self.error(key, "Must be true or false")
        return default

    def strings(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value in (None, ""):
            return []
        if isinstance(value, str):
            return [value.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(key, "Must be a list of strings")
            return []
        return [v.strip() for v in value if v.strip()]

    def records(self, key: str) -> list[Mapping[str, Any]]:
        value = self.data.get(key)
        if value in (None, ""):
            return []
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            self.error(key, "Must be a list of objects")
            return []
        return value

    def when(self, key: str) -> dt.datetime | None:
        text = self.text(key)
        if not text:
            return None
        parsed = parse_datetime(text)
        if parsed is None:
            self.error(key, "Date format incorrect")
        return parsed

    def localized(self, plain_key: str, translated_key: str, language: str) -> LocalizedText:
        """Text per language from `<key>_translated` and the plain `<key>`, which is the text
        in `language` unless it repeats one of the translations (as it does when a client
        sends back what package_show gave it, shown in whatever language it asked for)."""
        texts: LocalizedText = {}
        translated = self.data.get(translated_key)
        if translated is not None:
            if not isinstance(translated, Mapping):
                self.error(translated_key, "Must be an object of language codes to text")
            else:
                for raw_lang, text in translated.items():
                    lang = normalise_language(str(raw_lang))
                    if lang is None:
                        self.error(translated_key, f"'{raw_lang}' is not a language code")
                    elif isinstance(text, str) and text.strip():
                        texts.setdefault(lang, text.strip())
        plain = self.text(plain_key)
        if plain and plain not in texts.values():
            texts[language] = plain
        return texts


def parse_datetime(text: str) -> dt.datetime | None:
    """ISO 8601 date or date-time, in UTC; naive values are UTC (as CKAN writes them).

    None when it cannot be read, or when it is outside the years 1 to 9999 once in UTC
    ("9999-12-31T23:00:00-05:00"), which neither Python nor the databases could hold.
    """
    candidate = text.strip().replace("Z", "+00:00")
    try:
        if len(candidate) == 10:
            day = dt.date.fromisoformat(candidate)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        value = dt.datetime.fromisoformat(candidate)
        return value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)
    except (ValueError, OverflowError):
        return None


def _text_language(reader: _Reader, default_language: str) -> str:
    """Plain CKAN text is filed under the dataset's first UN language, else the default."""
    for code in reader.strings("language") if "language" in reader.data else []:
        lang = normalise_language(code)
        if lang in UN_LANGUAGES:
            return lang
    return default_language


def _tags(reader: _Reader) -> list[str]:
    names: list[str] = []
    raw = reader.data.get("tags")
    if raw not in (None, "") and not isinstance(raw, list):
        reader.error("tags", "Must be a list")
        raw = None
    for index, item in enumerate(raw or []):
        if isinstance(item, str):
            names.append(item.strip())
        elif isinstance(item, Mapping) and isinstance(item.get("name"), str):
            names.append(item["name"].strip())
        else:
            reader.error("tags", f"Tag {index} must be a name or an object with a name")
    names.extend(t.strip() for t in reader.text("tag_string").split(",") if t.strip())
    return list(dict.fromkeys(n for n in names if n))


def _extras(reader: _Reader) -> dict[str, ExtraValue]:
    raw = reader.data.get("extras")
    if raw in (None, ""):
        return {}
    if isinstance(raw, Mapping):
        return dict(raw)
    result: dict[str, ExtraValue] = {}
    for item in reader.records("extras"):
        key, value = item.get("key"), item.get("value")
        if not isinstance(key, str) or not key.strip():
            reader.error("extras", "Each extra needs a key")
        elif key in result:
            reader.error("extras", f'Duplicate key "{key}"')
        elif key in PACKAGE_FIELDS or key in PACKAGE_READ_ONLY:
            reader.error("extras", f'There is a schema field with the same name "{key}"')
        else:
            result[key] = value if value is None or isinstance(value, str) else json.dumps(value)
    return result


def _coded(reader: _Reader, key: str, resolve: Any) -> list[str]:
    codes = []
    for value in reader.strings(key):
        code = resolve(value)
        if code is None:
            reader.error(key, f'Unknown value "{value}"')
        else:
            codes.append(code)
    return list(dict.fromkeys(codes))


def _themes(reader: _Reader) -> list[str]:
    """Themes come as `theme` (codes or URIs) and as CKAN `groups` (themes by lower-case name)."""
    codes = _coded(reader, "theme", theme_code_from)
    for group in reader.records("groups"):
        value = str(group.get("name") or group.get("id") or "")
        code = theme_code_from(value)
        if code is None:
            reader.error("groups", f'Unknown group "{value}": groups are the EU data themes')
        elif code not in codes:
            codes.append(code)
    return codes


def _contact(reader: _Reader) -> tuple[str, str, str]:
    contacts = reader.records("contact")
    if contacts:
        first = contacts[0]
        return (
            str(first.get("name") or "").strip(),
            str(first.get("email") or "").strip(),
            str(first.get("url") or "").strip(),
        )
    for who in ("maintainer", "author"):
        name, email = reader.text(who), reader.text(f"{who}_email")
        if name or email:
            return name, email, ""
    return "", "", ""


def _temporal(reader: _Reader) -> tuple[dt.date | None, dt.date | None]:
    periods = reader.records("temporal_coverage")
    if not periods:
        return None, None
    bounds = []
    for key in ("start", "end"):
        text = str(periods[0].get(key) or "").strip()
        parsed = parse_datetime(text) if text else None
        if text and parsed is None:
            reader.error("temporal_coverage", f"{key} date format incorrect")
        bounds.append(parsed.date() if parsed else None)
    return bounds[0], bounds[1]


def _spatial(reader: _Reader) -> dict[str, Any] | None:
    for item in reader.records("spatial_coverage"):
        geometry = item.get("geom") or item.get("bbox")
        if isinstance(geometry, Mapping):
            return dict(geometry)
    raw = reader.data.get("spatial")
    if raw in (None, ""):
        return None
    if isinstance(raw, Mapping):
        return dict(raw)
    try:
        parsed = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        reader.error("spatial", "Must be a GeoJSON geometry")
        return None
    return parsed


def draft_from_package(
    data: Mapping[str, Any], *, default_language: str = "en"
) -> tuple[DatasetDraft, Errors]:
    """Map a CKAN package dict to a draft; errors name every field that cannot be used."""
    reader = _Reader(data)
    reader.unexpected(PACKAGE_FIELDS, PACKAGE_READ_ONLY)
    language = _text_language(reader, default_language)
    name = reader.text("name")
    title = reader.localized("title", "title_translated", language)
    if not title and name:
        title = {language: name}  # CKAN shows the name when a dataset has no title
    contact_name, contact_email, contact_url = _contact(reader)
    temporal_start, temporal_end = _temporal(reader)
    frequency = reader.text("frequency")
    frequency_code = frequency_code_from(frequency) if frequency else ""
    if frequency and frequency_code is None:
        reader.error("frequency", f'Unknown frequency "{frequency}"')
    access = reader.text("access_rights")
    access_code = access_rights_code_from(access) if access else ""
    if access and access_code is None:
        reader.error("access_rights", f'Unknown access rights "{access}"')
    state = reader.text("state", "active") or "active"
    series = reader.strings("in_series")
    draft = DatasetDraft(
        name=name,
        title=title,
        description=reader.localized("notes", "notes_translated", language),
        organization=reader.text("owner_org"),
        tags=_tags(reader),
        themes=_themes(reader),
        licence=reader.text("license_id"),
        countries=reader.strings("countries"),
        languages=reader.strings("language"),
        spatial=_spatial(reader),
        temporal_start=temporal_start,
        temporal_end=temporal_end,
        frequency=frequency_code or "",
        contact_name=contact_name,
        contact_email=contact_email,
        contact_url=contact_url,
        issued=reader.when("issued"),
        modified=reader.when("modified"),
        version=reader.text("version"),
        conforms_to=reader.strings("conforms_to"),
        access_rights=access_code or "",
        landing_page=reader.text("url"),
        identifier=reader.text("identifier"),
        private=reader.flag("private"),
        state=state,
        extras=_extras(reader),
        is_series=data.get("type") == "dataset_series",
        in_series=series[0] if series else "",
    )
    if "resources" in data:
        draft.distributions = []
        for index, item in enumerate(reader.records("resources")):
            distribution, errors = distribution_draft_from_resource(
                item, prefix=f"resources.{index}."
            )
            draft.distributions.append(distribution)
            for key, messages in errors.items():
                reader.errors.setdefault(key, []).extend(messages)
    return draft, reader.errors


# Draft fields that CKAN clients know by another name (validation reports draft fields).
_PACKAGE_FIELD_NAMES = {
    "description": "notes",
    "themes": "theme",
    "languages": "language",
    "temporal_start": "temporal_coverage",
    "temporal_end": "temporal_coverage",
    "contact_url": "contact",
}


def package_errors(errors: Errors, data: Mapping[str, Any]) -> Errors:
    """Errors about a draft made from `data`, under the names of the CKAN fields they came
    from ("notes" rather than "description", "maintainer_email" when that was sent)."""
    contact = _contact_source(data)
    names = {
        **_PACKAGE_FIELD_NAMES,
        "contact_name": contact,
        "contact_email": contact if contact == "contact" else f"{contact}_email",
    }
    renamed: Errors = {}
    for key, messages in errors.items():
        renamed.setdefault(names.get(key, key), []).extend(messages)
    return renamed


def _contact_source(data: Mapping[str, Any]) -> str:
    """Which CKAN field the contact came from (the same order as `_contact` reads them)."""
    if data.get("contact"):
        return "contact"
    for who in ("maintainer", "author"):
        if data.get(who) or data.get(f"{who}_email"):
            return who
    return "contact"


def distribution_draft_from_resource(
    data: Mapping[str, Any], *, prefix: str = ""
) -> tuple[DistributionDraft, Errors]:
    reader = _Reader(data, prefix)
    reader.unexpected(RESOURCE_FIELDS, RESOURCE_READ_ONLY | {"package_id"})
    size: int | None = None
    raw_size = data.get("size")
    if raw_size not in (None, ""):
        try:
            size = int(str(raw_size))
        except ValueError:
            reader.error("size", "Must be a whole number of bytes")
    digest = reader.text("hash").lower()
    algorithm = reader.text("hash_algorithm").lower()
    is_sha256 = len(digest) == 64 and (not algorithm or algorithm.endswith("sha256"))
    url = reader.text("url") or reader.text("download_url") or reader.text("access_url")
    draft = DistributionDraft(
        id=reader.text("id") or None,
        title=reader.text("name"),
        description=reader.text("description"),
        url=url,
        format=reader.text("format"),
        media_type=reader.text("mimetype"),
        byte_size=size,
        checksum_sha256=digest if is_sha256 else "",
    )
    return draft, reader.errors


def organization_draft_from_dict(
    data: Mapping[str, Any], *, default_language: str = "en"
) -> tuple[OrganizationDraft, Errors]:
    reader = _Reader(data)
    reader.unexpected(ORGANIZATION_FIELDS, ORGANIZATION_READ_ONLY)
    name = reader.text("name")
    title = reader.localized("title", "title_translated", default_language)
    if not title and name:
        title = {default_language: name}
    parent = reader.text("parent_id")
    groups = reader.records("groups")
    if not parent and groups:
        parent = str(groups[0].get("name") or groups[0].get("id") or "")
    draft = OrganizationDraft(
        name=name,
        title=title,
        description=reader.localized("description", "description_translated", default_language),
        country=reader.text("country"),
        publisher_type=reader.text("publisher_type"),
        parent=parent,
        image_url=reader.text("image_url"),
        homepage=reader.text("homepage"),
        email=reader.text("email"),
    )
    return draft, reader.errors


# Keys that carry the same information in two spellings: patching one must drop the other
# from the current dict, or the old value would win or merge back in.
_SAME_INFORMATION = {
    "theme": ("groups",),
    "groups": ("theme",),
    "maintainer": ("contact",),
    "maintainer_email": ("contact",),
    "author": ("contact",),
    "author_email": ("contact",),
    "spatial": ("spatial_coverage",),
    "title_translated": ("title",),
    "notes_translated": ("notes",),
    "tag_string": ("tags",),
}


def patched_package(
    current: Mapping[str, Any], changes: Mapping[str, Any], *, language: str = "en"
) -> dict[str, Any]:
    """CKAN `package_patch`: the current dict with the given top-level keys replaced.

    `current` was rendered in `language`: a new plain `title` or `notes` replaces the
    translation that was shown there, and the other translations stay.
    """
    merged = dict(current)
    for key in changes:
        for other in _SAME_INFORMATION.get(key, ()):
            if other not in changes:
                merged.pop(other, None)
    merged.update(changes)
    for plain, translated in (("title", "title_translated"), ("notes", "notes_translated")):
        texts = current.get(translated)
        new = changes.get(plain)
        if isinstance(new, str) and translated not in changes and isinstance(texts, Mapping):
            shown = pick(texts, language)[1] or language
            merged[translated] = {**texts, shown: new}
    return merged
