"""Authentication for the native API: an optional token, or the browser session.

Anonymous callers are allowed through as the anonymous Actor (reads decide visibility
themselves); a token that is present but invalid is refused with 403. Writes made with a
session cookie (not a token) must carry Django's CSRF token.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from ninja.security import APIKeyHeader

from agora.core.actor import Actor
from agora.core.errors import Forbidden

from ..auth import request_actor, uses_token
from ..request_body import refuse_unstorable_request

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def check_csrf(request: HttpRequest) -> None:
    if request.method in SAFE_METHODS or uses_token(request):
        return
    if not request.user.is_authenticated:
        return
    rejected = CsrfViewMiddleware(lambda r: HttpResponse()).process_view(
        request, lambda r: HttpResponse(), (), {}
    )
    if rejected is not None:
        raise Forbidden("CSRF verification failed.", code="request.csrf")


class OptionalApiToken(APIKeyHeader):
    """Documents `Authorization: <token>` in OpenAPI; never rejects a missing token."""

    param_name = "Authorization"
    openapi_description = (
        "An API token, raw or as `Bearer <token>` (X-CKAN-API-Key is accepted too). "
        "Without one you act anonymously."
    )

    def __call__(self, request: HttpRequest) -> Actor:
        refuse_unstorable_request(request)
        check_csrf(request)
        return request_actor(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Actor:
        return request_actor(request)


def actor(request: HttpRequest) -> Actor:
    """The actor Ninja's authentication resolved for this request."""
    resolved: Actor = request.auth  # type: ignore[attr-defined]
    return resolved
