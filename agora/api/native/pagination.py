"""Keyset ("cursor") pagination: stable pages even while the catalogue changes.

The cursor is the last row's sort key, base64url-encoded; the next page starts after it. No
OFFSET scans, no duplicates or gaps when rows are added between two requests.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from agora.core.errors import BadRequest

M = TypeVar("M", bound=Model)


def encode_cursor(value: str) -> str:
    return base64.urlsafe_b64encode(value.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> str:
    padded = cursor + "=" * (-len(cursor) % 4)
    try:
        raw = base64.b64decode(padded.encode("ascii"), altchars=b"-_", validate=True)
        return raw.decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError) as error:
        raise BadRequest("The cursor is not valid", code="api.bad_cursor") from error


def keyset_page(
    queryset: QuerySet[M], *, key: str, cursor: str | None, limit: int
) -> tuple[list[M], str | None]:
    """One page ordered by the unique field `key`, and the cursor of the next page."""
    ordered = queryset.order_by(key)
    if cursor:
        ordered = ordered.filter(**{f"{key}__gt": decode_cursor(cursor)})
    rows = list(ordered[: limit + 1])
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(str(_value(rows[-1], key))) if has_more and rows else None
    return rows, next_cursor


def _value(row: Any, key: str) -> Any:
    return getattr(row, key)
