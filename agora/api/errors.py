"""Domain errors -> application/problem+json (RFC 9457) for the native API, in one place."""

from __future__ import annotations

from typing import Any

import orjson
from django.http import HttpResponse

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
from agora.search.errors import SearchUnavailable

STATUS_TITLES = {
    400: "Bad request",
    403: "Forbidden",
    404: "Not found",
    409: "Conflict",
    413: "Payload too large",
    422: "Unprocessable content",
    503: "Service unavailable",
}


def status_for(error: AgoraError) -> int:
    if isinstance(error, SearchUnavailable):
        return 503
    if isinstance(error, ValidationFailed):
        return 422
    if isinstance(error, Conflict):
        return 409
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Forbidden | AuthenticationFailed):
        return 403
    if isinstance(error, PayloadTooLarge):
        return 413
    if isinstance(error, BadRequest):
        return 400
    return 400


def problem(
    status: int, code: str, detail: str, errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": f"urn:agora:problem:{code}",
        "title": STATUS_TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "code": code,
        "errors": errors or {},
    }
    return HttpResponse(orjson.dumps(body), status=status, content_type="application/problem+json")


def problem_for(error: AgoraError) -> HttpResponse:
    return problem(status_for(error), error.code, error.message, error.fields)
