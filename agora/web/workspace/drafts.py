"""Form data -> the catalogue's DatasetDraft, keeping what the form does not show.

An edit replaces the dataset's metadata (the service has `package_update` semantics), so every
field the form leaves out (extras, identifier, conformance, series, issued/modified dates,
titles in languages other than the six UN ones) is copied from the current record.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from agora.core.slugs import slugify
from agora.interop.records import DatasetDraft, DatasetRecord

from .forms import DatasetForm, split_list


def _merged(base: dict[str, str], edited: dict[str, str], shown: list[str]) -> dict[str, str]:
    kept = {code: text for code, text in base.items() if code not in shown}
    return {**kept, **edited}


def draft_from_record(record: DatasetRecord) -> DatasetDraft:
    """The dataset as it is, as a draft (the base of a state change or an edit)."""
    return DatasetDraft(
        name=record.name,
        title=dict(record.title),
        description=dict(record.description),
        organization=record.organization.id,
        tags=list(record.tags),
        themes=list(record.themes),
        licence=record.licence.id if record.licence else "",
        countries=list(record.countries),
        languages=list(record.languages),
        spatial=record.spatial,
        temporal_start=record.temporal_start,
        temporal_end=record.temporal_end,
        frequency=record.frequency,
        contact_name=record.contact_name,
        contact_email=record.contact_email,
        contact_url=record.contact_url,
        issued=record.issued,
        modified=record.modified,
        version=record.version,
        conforms_to=list(record.conforms_to),
        access_rights=record.access_rights,
        landing_page=record.landing_page,
        identifier=record.identifier,
        private=record.private,
        state=record.state,
        extras=dict(record.extras),
        is_series=record.is_series,
        in_series=record.in_series or "",
    )


def draft_from_form(form: DatasetForm, *, base: DatasetRecord | None, state: str) -> DatasetDraft:
    data: dict[str, Any] = form.cleaned_data
    shown = form.title_languages
    title = _merged(dict(base.title) if base else {}, form.localized("title"), shown)
    description = _merged(
        dict(base.description) if base else {}, form.localized("description"), shown
    )
    name = data["name"].strip().lower()
    if not name:
        name = base.name if base else slugify(next(iter(title.values()), ""))
    start = draft_from_record(base) if base else DatasetDraft()
    return dataclasses.replace(
        start,
        name=name,
        title=title,
        description=description,
        organization=data["organization"],
        tags=split_list(data["tags"]),
        themes=list(data["themes"]),
        licence=data["licence"],
        countries=split_list(data["countries"]),
        languages=split_list(data["languages"]),
        spatial=data["spatial"],
        temporal_start=data["temporal_start"],
        temporal_end=data["temporal_end"],
        frequency=data["frequency"],
        access_rights=data["access_rights"],
        version=data["version"].strip(),
        contact_name=data["contact_name"].strip(),
        contact_email=data["contact_email"].strip(),
        contact_url=data["contact_url"].strip(),
        landing_page=data["landing_page"].strip(),
        private=data["visibility"] == "private",
        state=state,
        distributions=None,
    )


def initial_from_record(record: DatasetRecord) -> dict[str, Any]:
    """The form's initial values for editing this dataset."""
    initial: dict[str, Any] = {
        "name": record.name,
        "organization": record.organization.id,
        "tags": ", ".join(record.tags),
        "themes": list(record.themes),
        "licence": record.licence.id if record.licence else "",
        "countries": ", ".join(record.countries),
        "languages": ", ".join(record.languages),
        "temporal_start": record.temporal_start,
        "temporal_end": record.temporal_end,
        "frequency": record.frequency,
        "access_rights": record.access_rights,
        "version": record.version,
        "contact_name": record.contact_name,
        "contact_email": record.contact_email,
        "contact_url": record.contact_url,
        "landing_page": record.landing_page,
        "spatial": json_text(record.spatial),
        "visibility": "private" if record.private else "public",
    }
    for code, text in record.title.items():
        initial[f"title_{code}"] = text
    for code, text in record.description.items():
        initial[f"description_{code}"] = text
    return initial


def json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False) if value else ""
