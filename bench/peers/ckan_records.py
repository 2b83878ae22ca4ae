"""Turn Agora's CKAN-API dumps into records stock CKAN 2.12 accepts (pure functions).

Agora's `package_show` carries DCAT-AP keys core CKAN lacks (`theme`, `countries`, ...),
ckanext-fluent style `*_translated` texts and `groups` that are Agora's themes. CKAN's default
schema silently ignores unknown top-level keys but rejects unknown nested lists of objects,
and it would also drop information the comparison should keep (a smaller CKAN payload would
flatter CKAN). So each key is either kept, mapped the way a CKAN site without ckanext-scheming
stores DCAT fields (as `extras`), or dropped — and every change is counted in a `Changes`
report that the benchmark prints.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# Keys CKAN's default package schema stores as they are.
KEPT = ("id", "name", "title", "notes", "url", "version", "license_id", "private")
# DCAT-AP keys Agora has at the top level; a plain CKAN keeps them as extras.
TO_EXTRAS = (
    "identifier",
    "issued",
    "modified",
    "frequency",
    "theme",
    "language",
    "countries",
    "conforms_to",
    "access_rights",
    "temporal_coverage",
    "spatial_coverage",
    "spatial",
)
# Keys CKAN computes itself (or that only restate other keys); sending them back is pointless.
COMPUTED = frozenset(
    {
        "type",
        "state",
        "metadata_created",
        "metadata_modified",
        "creator_user_id",
        "num_tags",
        "num_resources",
        "isopen",
        "license_title",
        "license_url",
        "relationships_as_object",
        "relationships_as_subject",
        "revision_number",
        "owner_org",
        "organization",
    }
)
TRANSLATIONS = ("title_translated", "notes_translated")
RESOURCE_KEPT = ("id", "name", "description", "url", "format", "mimetype", "size", "hash")
ORGANIZATION_KEPT = ("name", "title", "description", "image_url")
# CKAN's tag validator: letters, digits, spaces, "-", "_" and "."; 2 to 100 characters.
_TAG_BAD = re.compile(r"[^\w \-.]", re.UNICODE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class Changes:
    """What was changed to make CKAN accept the records, counted per kind of change."""

    counts: Counter[str] = field(default_factory=Counter)

    def note(self, what: str, n: int = 1) -> None:
        self.counts[what] += n

    def lines(self) -> list[str]:
        return [f"{what} ({n}x)" for what, n in sorted(self.counts.items())]


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _extra_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _tag(name: str, changes: Changes) -> str | None:
    clean = _TAG_BAD.sub("-", name).strip()[:100]
    if clean != name:
        changes.note("tag characters CKAN refuses replaced by '-'")
    if len(clean) < 2:
        changes.note("tag shorter than 2 characters dropped")
        return None
    return clean


def _resource(resource: dict[str, Any], changes: Changes) -> dict[str, Any]:
    result = {k: resource[k] for k in RESOURCE_KEPT if not _is_empty(resource.get(k))}
    if resource.get("url_type") == "upload":
        changes.note("resource uploaded to Agora kept as a plain URL (url_type dropped)")
    return result


def _contact(dataset: dict[str, Any], record: dict[str, Any], changes: Changes) -> None:
    contacts = dataset.get("contact") or []
    if not contacts:
        return
    first = contacts[0]
    if first.get("name"):
        record["maintainer"] = first["name"]
    if first.get("email") and _EMAIL.match(first["email"]):
        record["maintainer_email"] = first["email"]
    changes.note("contact -> maintainer/maintainer_email")


def dataset_record(dataset: dict[str, Any], changes: Changes) -> dict[str, Any]:
    """A `ckanapi load datasets` record for stock CKAN, from an Agora `package_show` dict."""
    record: dict[str, Any] = {k: dataset[k] for k in KEPT if not _is_empty(dataset.get(k))}
    record["owner_org"] = dataset["organization"]["name"]
    record["tags"] = [
        {"name": name}
        for name in (_tag(t["name"], changes) for t in dataset.get("tags", []))
        if name
    ]
    record["resources"] = [_resource(r, changes) for r in dataset.get("resources", [])]
    record["groups"] = [{"name": g["name"]} for g in dataset.get("groups", [])]
    if record["groups"]:
        changes.note("groups (Agora themes) -> CKAN groups of the same name")
    extras = {e["key"]: e["value"] for e in dataset.get("extras", [])}
    for key in TO_EXTRAS:
        value = dataset.get(key)
        if not _is_empty(value) and key not in extras:
            extras[key] = _extra_text(value)
            changes.note(f"{key} -> extras")
    record["extras"] = [{"key": k, "value": v} for k, v in sorted(extras.items())]
    _contact(dataset, record, changes)
    for key in TRANSLATIONS:
        if key in dataset:
            changes.note(f"{key} dropped (core CKAN has no multilingual text)")
    known = {*KEPT, *TO_EXTRAS, *COMPUTED, *TRANSLATIONS, "tags", "resources", "groups"}
    for key in sorted(set(dataset) - known - {"extras", "contact"}):
        changes.note(f"{key} dropped (unknown to CKAN's default schema)")
    return record


def organization_record(org: dict[str, Any], changes: Changes) -> dict[str, Any]:
    record = {k: org[k] for k in ORGANIZATION_KEPT if not _is_empty(org.get(k))}
    for key in (
        "title_translated",
        "description_translated",
        "country",
        "publisher_type",
        "homepage",
    ):
        if not _is_empty(org.get(key)):
            changes.note(f"organization {key} dropped")
    return record


def theme_groups(datasets: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The CKAN groups to create first: one per Agora theme the datasets use."""
    groups: dict[str, dict[str, Any]] = {}
    for dataset in datasets:
        for group in dataset.get("groups", []):
            groups.setdefault(
                group["name"],
                {"name": group["name"], "title": group.get("title") or group["name"]},
            )
    return [groups[name] for name in sorted(groups)]
