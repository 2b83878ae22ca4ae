"""What changed between two revisions of a dataset (each holds the whole dataset as JSON).

The history page lists, per revision, the fields that differ from the revision before, with
the old and the new value; multilingual texts are compared language by language and
distributions one by one (by id), so "the French title changed" or "file 2 was replaced" reads
as such instead of as one opaque blob.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Bookkeeping that changes with every write and says nothing to a reader.
IGNORED = {"metadata_modified", "metadata_created", "revision_number", "page_url", "modified_by"}
DIST_IGNORED = {"modified", "created", "url", "position", "dataset_id"}
MAX_VALUE = 400


@dataclass(frozen=True)
class Change:
    field: str
    detail: str  # a language code, a distribution title, or ""
    old: str
    new: str


def _show(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, dict) and set(value) >= {"id", "name"} and "title" in value:
        value = value.get("name")
    elif isinstance(value, dict) and "title" in value and "id" in value:
        value = value["id"]
    if isinstance(value, list | tuple):
        value = ", ".join(_show(v) for v in value)
    elif isinstance(value, dict):
        value = ", ".join(f"{k}: {_show(v)}" for k, v in sorted(value.items()))
    text = str(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def _localized_changes(name: str, old: dict[str, str], new: dict[str, str]) -> list[Change]:
    return [
        Change(name, lang, _show(old.get(lang)), _show(new.get(lang)))
        for lang in sorted(set(old) | set(new))
        if old.get(lang) != new.get(lang)
    ]


def _distribution_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Change]:
    before = {d.get("id"): d for d in old}
    after = {d.get("id"): d for d in new}
    changes = []
    for key in [*before, *(k for k in after if k not in before)]:
        was, now = before.get(key), after.get(key)
        label = (now or was or {}).get("title") or (now or was or {}).get("file_name") or ""
        if was is None or now is None:
            changes.append(
                Change(
                    "distributions",
                    label,
                    "" if was is None else label,
                    "" if now is None else label,
                )
            )
            continue
        for field in sorted(set(was) | set(now)):
            if field not in DIST_IGNORED and was.get(field) != now.get(field):
                changes.append(
                    Change(
                        f"distribution.{field}", label, _show(was.get(field)), _show(now.get(field))
                    )
                )
    return changes


def revision_changes(old: dict[str, Any] | None, new: dict[str, Any]) -> list[Change]:
    """Changes from `old` to `new`; everything set in `new` when there is no `old`."""
    old = old or {}
    changes: list[Change] = []
    for field in new:
        if field in IGNORED or old.get(field) == new.get(field):
            continue
        if field in ("title", "description"):
            changes += _localized_changes(field, old.get(field) or {}, new.get(field) or {})
        elif field == "distributions":
            changes += _distribution_changes(old.get(field) or [], new.get(field) or [])
        else:
            changes.append(Change(field, "", _show(old.get(field)), _show(new.get(field))))
    return changes
