"""Domain errors with stable codes.

Handlers never catch these one by one: the native API maps them to application/problem+json
and the CKAN API to its `{success: false, error}` envelope, each in one place
(agora/api/errors.py and agora/api/ckan/errors.py). Subclass the closest kind and give the
error a stable `code` such as "catalog.name_taken": clients and tests rely on codes, not on
messages.
"""

from __future__ import annotations

from collections.abc import Mapping


class AgoraError(Exception):
    """Base of every error a client may cause or be told about."""

    code = "agora.error"
    default_message = "The request could not be completed."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        fields: Mapping[str, list[str]] | None = None,
    ) -> None:
        self.message = message or self.default_message
        if code:
            self.code = code
        self.fields: dict[str, list[str]] = {k: list(v) for k, v in (fields or {}).items()}
        super().__init__(self.message)


class BadRequest(AgoraError):
    """The request itself is malformed (bad JSON, wrong parameter type)."""

    code = "request.bad"
    default_message = "Bad request."


class ValidationFailed(AgoraError):
    """Input was understood but breaks a rule; `fields` names each offending field."""

    code = "validation.failed"
    default_message = "Some fields are invalid."


class Conflict(AgoraError):
    """The change collides with existing state (a taken name, a stale edit)."""

    code = "conflict"
    default_message = "The change conflicts with existing data."


class NotFound(AgoraError):
    code = "not_found"
    default_message = "Not found."


class Forbidden(AgoraError):
    """The actor is known but may not do this (or may not know the object exists)."""

    code = "forbidden"
    default_message = "Access denied."


class AuthenticationFailed(AgoraError):
    """Credentials were sent but are wrong, expired or revoked."""

    code = "auth.invalid_token"
    default_message = "The API token is invalid, expired or revoked."


class PayloadTooLarge(AgoraError):
    code = "request.too_large"
    default_message = "The request body is too large."
