"""Domain errors -> CKAN's error envelope and status codes, in one place.

CKAN answers `{"help": ..., "success": false, "error": {"__type": ..., "message": ...}}`, with
validation errors listing each field next to `__type`. Clients such as ckanapi turn `__type`
back into exceptions (NotFound, NotAuthorized, ValidationError, ...), so the types matter.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from agora.core.errors import (
    AgoraError,
    AuthenticationFailed,
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    ValidationFailed,
)
from agora.search.errors import InvalidSearchQuery, SearchUnavailable


def ckan_error(error: AgoraError) -> tuple[int, dict[str, Any]]:
    if isinstance(error, ValidationFailed | Conflict):
        body: dict[str, Any] = {"__type": "Validation Error", "message": error.message}
        body.update(error.fields)
        return 409, body
    if isinstance(error, Forbidden | AuthenticationFailed):
        return 403, {"__type": "Authorization Error", "message": f"Access denied: {error.message}"}
    if isinstance(error, NotFound):
        return 404, {"__type": "Not Found Error", "message": f"Not found: {error.message}"}
    if isinstance(error, SearchUnavailable):  # CKAN's name for an unreachable engine
        return 503, {"__type": "Search Connection Error", "message": error.message}
    if isinstance(error, InvalidSearchQuery):
        return 400, {
            "__type": "Search Query Error",
            "message": f"Search Query is invalid: {error.message}",
        }
    if isinstance(error, PayloadTooLarge):
        return 413, {"__type": "Request Entity Too Large", "message": error.message}
    if isinstance(error, BadRequest):
        return 400, {"__type": "Bad Request", "message": f"Bad request - {error.message}"}
    return 400, {"__type": "Bad Request", "message": error.message}


def refuse_invalid(*reports: Mapping[str, list[str]]) -> None:
    """One ValidationFailed naming every field of every report (the CKAN mapping's and the
    catalogue's rules), so that a client learns all its mistakes from one call."""
    merged: dict[str, list[str]] = {}
    for report in reports:
        for key, messages in report.items():
            known = merged.setdefault(key, [])
            known.extend(m for m in messages if m not in known)
    if merged:
        raise ValidationFailed(fields=merged)
