"""Records as plain JSON: the form kept in revisions and returned by the native API."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from .records import DatasetRecord


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def dataset_json(record: DatasetRecord) -> dict[str, Any]:
    result: dict[str, Any] = _plain(record)
    return result
