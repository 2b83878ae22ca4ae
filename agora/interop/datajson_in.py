"""DCAT-US 1.1 data.json -> MappedDataset per entry of `dataset`, tolerant of real defects.

Real data.json files (see shared/data/catalogues/data-json) carry nulls where strings belong,
keywords as one comma-separated string, free-text or malformed frequencies and dates, contact
points without e-mail, distributions that are not lists. Each is read where it can be and
reported where it cannot; an entry that is not even an object still counts (as a warning), so
the number of mapped entries always equals the number in the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from .dcat.geometry import box
from .mapped import CatalogueMapping, MappedDataset, candidate_name, lenient_datetime, lenient_json
from .records import DatasetDraft, DistributionDraft, OrganizationDraft
from .vocabularies.countries import country_code_from
from .vocabularies.formats import normalise_format
from .vocabularies.frequencies import frequency_code_from
from .vocabularies.languages import language_code_from
from .vocabularies.licences import licence_id_from, licence_id_from_title
from .vocabularies.themes import THEMES, theme_code_from

_LEVELS = {"public": "PUBLIC", "restricted public": "RESTRICTED", "non-public": "NON_PUBLIC"}
_THEME_BY_LABEL = {labels["en"].lower(): code for code, labels in THEMES.items()}
_TAG_CHARS = re.compile(r"[^\w \-.'&/()+,:]", re.UNICODE)


class _Entry:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value).strip()
        self.warn(f'"{key}" is not text; it was left out')
        return ""

    def strings(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        if isinstance(value, list):
            return [str(v).strip() for v in value if isinstance(v, str | int) and str(v).strip()]
        self.warn(f'"{key}" is not a list of strings; it was left out')
        return []

    def url(self, key: str, value: str | None = None) -> str:
        text = self.text(key) if value is None else value.strip()
        if text and not re.match(r"^https?://\S+$", text):
            self.warn(f'{key} "{text[:60]}" is not an http(s) URL; it was left out')
            return ""
        return text[:2000]

    def date(self, key: str, *, end: bool = False) -> Any:
        text = self.text(key)
        if not text:
            return None
        parsed, note = lenient_datetime(text, end=end)
        if parsed is None:
            self.warn(f'{key} "{text[:40]}" is not a date; it was left out')
        elif note:
            self.warn(f'{key} "{text[:40]}" was read as {parsed.date()} ({note})')
        return parsed


def _tags(entry: _Entry) -> list[str]:
    tags: list[str] = []
    for keyword in entry.strings("keyword"):
        clean = _TAG_CHARS.sub(" ", keyword).strip()[:100].strip()
        if clean != keyword:
            entry.warn(f'Keyword "{keyword[:40]}" was cleaned to "{clean[:40]}"')
        if clean and clean not in tags:
            tags.append(clean)
    return tags


def _themes(entry: _Entry, tags: list[str]) -> list[str]:
    """EU data themes (by code, URI or English label); other themes are kept as keywords."""
    codes: list[str] = []
    for theme in entry.strings("theme"):
        code = theme_code_from(theme) or _THEME_BY_LABEL.get(theme.lower())
        if code is None:
            entry.warn(f'Theme "{theme[:60]}" is not an EU data theme; it became a keyword')
            clean = _TAG_CHARS.sub(" ", theme).strip()[:100].strip()
            if clean and clean not in tags:
                tags.append(clean)
        elif code not in codes:
            codes.append(code)
    return codes


def _coverage(entry: _Entry, draft: DatasetDraft) -> None:
    spatial = entry.text("spatial")
    numbers = spatial.split(",")
    if len(numbers) == 4 and all(re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", n) for n in numbers):
        west, south, east, north = (float(n) for n in numbers)
        if west == east and south == north:
            draft.spatial = {"type": "Point", "coordinates": [west, south]}
        else:
            draft.spatial = box(west, south, east, north)
    elif spatial.startswith("{"):
        try:
            parsed = json.loads(spatial)
            draft.spatial = parsed if isinstance(parsed, dict) and "coordinates" in parsed else None
        except ValueError:
            draft.spatial = None
    elif spatial:
        codes = [country_code_from(part) for part in numbers]
        if all(codes):
            draft.countries = [c for c in codes if c]
        else:
            entry.warn(f'Spatial "{spatial[:60]}" is neither a box nor country codes; left out')
    temporal = entry.text("temporal")
    if temporal:
        start, _, end = temporal.partition("/")
        first, _ = lenient_datetime(start)
        last, _ = lenient_datetime(end, end=True)
        if first is None or last is None or first > last:
            entry.warn(f'Temporal "{temporal[:60]}" is not a period; it was left out')
        else:
            draft.temporal_start, draft.temporal_end = first.date(), last.date()


def _contact(entry: _Entry, draft: DatasetDraft) -> None:
    contact = entry.data.get("contactPoint")
    if not isinstance(contact, Mapping):
        entry.warn("No contact point")
        return
    draft.contact_name = str(contact.get("fn") or "").strip()[:200]
    email = str(contact.get("hasEmail") or "").strip().removeprefix("mailto:").strip()
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        draft.contact_email = email
    elif email:
        entry.warn(f'Contact e-mail "{email[:60]}" is not an address; it was left out')


def _publisher(entry: _Entry) -> OrganizationDraft | None:
    publisher = entry.data.get("publisher")
    name = publisher.get("name") if isinstance(publisher, Mapping) else publisher
    if not isinstance(name, str) or not name.strip():
        entry.warn("No publisher")
        return None
    return OrganizationDraft(name=candidate_name(name), title={"en": name.strip()})


def _distributions(entry: _Entry) -> list[DistributionDraft]:
    raw = entry.data.get("distribution")
    if raw is None:
        return []
    if isinstance(raw, Mapping):
        raw = [raw]
    if not isinstance(raw, list):
        entry.warn('"distribution" is not a list; it was left out')
        return []
    drafts = []
    for item in raw:
        if not isinstance(item, Mapping):
            entry.warn("A distribution is not an object; it was left out")
            continue
        part = _Entry(item)
        url = part.url("downloadURL") or part.url("accessURL")
        media = part.text("mediaType")
        drafts.append(
            DistributionDraft(
                title=part.text("title")[:500],
                description=part.text("description"),
                url=url,
                format=normalise_format(part.text("format") or media)[:64],
                media_type=media[:127] if "/" in media else "",
            )
        )
        entry.warnings.extend(w for w in part.warnings if w not in entry.warnings)
    return drafts


def _frequency(entry: _Entry) -> str:
    text = entry.text("accrualPeriodicity")
    code = frequency_code_from(text) if text else ""
    if code is None:
        entry.warn(f'Frequency "{text[:40]}" is not one Agora knows; it was left out')
        return ""
    return code


def map_entry(data: Any, index: int) -> MappedDataset:
    if not isinstance(data, Mapping):
        draft = DatasetDraft(name=f"dataset-{index}", warnings=["The entry is not an object"])
        return MappedDataset(draft=draft, remote_id=f"#{index}", warnings=draft.warnings)
    entry = _Entry(data)
    identifier = entry.text("identifier")
    title = entry.text("title")
    if not title:
        entry.warn("No title; the identifier stands in for it")
    languages = [c for c in (language_code_from(v) for v in entry.strings("language")) if c]
    language = next((c for c in languages), "en")
    tags = _tags(entry)
    draft = DatasetDraft(
        name=candidate_name(title, identifier, key=identifier or str(index)),
        title={language: title or identifier or f"dataset {index}"},
        description={language: d} if (d := entry.text("description")) else {},
        tags=tags,
        themes=_themes(entry, tags),
        languages=languages,
        issued=entry.date("issued"),
        modified=entry.date("modified"),
        landing_page=entry.url("landingPage"),
        identifier=identifier[:500],
        frequency=_frequency(entry),
        access_rights=_LEVELS.get(entry.text("accessLevel").lower(), ""),
        conforms_to=[c for c in [entry.url("conformsTo")] if c],
    )
    draft.licence = _licence(entry)
    _coverage(entry, draft)
    _contact(entry, draft)
    draft.distributions = _distributions(entry)
    publisher = _publisher(entry)
    draft.organization = publisher.name if publisher else ""
    draft.warnings = entry.warnings
    series = entry.text("isPartOf")
    return MappedDataset(
        draft=draft,
        remote_id=identifier or f"#{index}",
        identifier=identifier,
        url=draft.landing_page,
        publisher=publisher,
        in_series=[series] if series else [],
        warnings=entry.warnings,
    )


def _licence(entry: _Entry) -> str:
    text = entry.text("license")
    found = (licence_id_from(text) or licence_id_from_title(text)) if text else None
    if text and found is None:
        entry.warn(f'Licence "{text[:80]}" is not in the licence register; it was left out')
    return found or ""


def map_datajson(data: bytes | Mapping[str, Any] | list[Any]) -> CatalogueMapping:
    """Every entry of a data.json catalogue (or a bare list of entries)."""
    mapping = CatalogueMapping(format="datajson")
    document: Any = data
    if isinstance(data, bytes):
        document, warning = lenient_json(data)
        if warning:
            mapping.warnings.append(warning)
        if document is None:
            return mapping
    entries = document.get("dataset") if isinstance(document, Mapping) else document
    if not isinstance(entries, list):
        mapping.warnings.append('No "dataset" list: nothing to map')
        return mapping
    mapping.datasets = [map_entry(item, index) for index, item in enumerate(entries)]
    return mapping
