"""Make a harvested draft acceptable to the catalogue by dropping what it cannot keep.

Real catalogues carry values our validation refuses (a CKAN `url` that is a company name, a
resource without a link, an unknown licence code). Refusing the whole dataset for one bad
optional value would lose it; instead each refused optional value is dropped and named in the
item's warnings. Values a dataset cannot do without (its title) still fail the record.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from agora.catalog.validation import TAGS_MAX, tag_errors, validate_dataset_draft
from agora.interop.records import DatasetDraft

_DROPPABLE: dict[str, dict[str, Any]] = {
    "url": {"landing_page": ""},
    "contact_url": {"contact_url": ""},
    "contact_email": {"contact_email": ""},
    "license_id": {"licence": ""},
    "frequency": {"frequency": ""},
    "access_rights": {"access_rights": ""},
    "spatial": {"spatial": None},
    "temporal_end": {"temporal_start": None, "temporal_end": None},
    "extras": {"extras": {}},
    "in_series": {"in_series": ""},
    "themes": {"themes": []},
    "version": {"version": ""},
}
_RESOURCE = re.compile(r"^resources\.(\d+)\.")


def repaired(draft: DatasetDraft) -> tuple[DatasetDraft, list[str]]:
    """The draft with refused optional values dropped, and a warning for each."""
    errors = validate_dataset_draft(draft)
    if not errors:
        return draft, []
    changes: dict[str, Any] = {}
    warnings: list[str] = []
    bad_resources: set[int] = set()
    for field, messages in errors.items():
        match = _RESOURCE.match(field)
        if match:
            bad_resources.add(int(match.group(1)))
            warnings.append(
                f"Distribution {int(match.group(1)) + 1} left out ({field}: {messages[0]})"
            )
        elif field in _DROPPABLE:
            changes.update(_DROPPABLE[field])
            warnings.append(f"{field} left out: {messages[0]}")
        elif field == "tags":
            kept = [t for t in draft.tags if not tag_errors([t])][:TAGS_MAX]
            changes["tags"] = kept
            warnings.append(f"{len(draft.tags) - len(kept)} keywords left out: {messages[0]}")
    if bad_resources and draft.distributions:
        changes["distributions"] = [
            d for i, d in enumerate(draft.distributions) if i not in bad_resources
        ]
    return dataclasses.replace(draft, **changes), warnings
