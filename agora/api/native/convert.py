"""Native API schemas <-> interop drafts and records."""

from __future__ import annotations

import dataclasses
from typing import Any

from agora.interop.native import dataset_json
from agora.interop.records import (
    DatasetDraft,
    DatasetRecord,
    DistributionDraft,
    OrganizationDraft,
)

from .schemas import DatasetIn, DistributionIn, OrganizationIn


def distribution_draft(data: DistributionIn) -> DistributionDraft:
    return DistributionDraft(**data.model_dump())


def dataset_draft(data: DatasetIn) -> DatasetDraft:
    values = data.model_dump(exclude={"distributions"})
    values["organization"] = data.organization
    values["licence"] = data.licence
    draft = DatasetDraft(**values)
    if data.distributions is not None:
        draft.distributions = [distribution_draft(d) for d in data.distributions]
    return draft


def dataset_in_from_record(record: DatasetRecord) -> dict[str, Any]:
    """The current dataset as a DatasetIn-shaped dict (the base a PATCH is applied to)."""
    data = dataset_json(record)
    fields = set(DatasetIn.model_fields) - {"distributions"}
    values = {k: v for k, v in data.items() if k in fields}
    values["organization"] = record.organization.id
    values["licence"] = record.licence.id if record.licence else ""
    return values


def organization_draft(data: OrganizationIn) -> OrganizationDraft:
    return OrganizationDraft(**data.model_dump())


def organization_in_from_record(record: Any) -> dict[str, Any]:
    values = {
        f.name: getattr(record, f.name)
        for f in dataclasses.fields(OrganizationDraft)
        if hasattr(record, f.name)
    }
    values["parent"] = record.parent_id or ""
    return values
