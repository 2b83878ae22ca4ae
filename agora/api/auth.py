"""Who is calling: an API token (as CKAN clients send it) or the browser session.

Tokens are accepted in `Authorization` (the raw token, or `Bearer <token>`) and in
`X-CKAN-API-Key`, which is what ckanapi and CKAN's own clients send. A token that is present
but wrong, expired or revoked is an error (403), never a silent downgrade to anonymous: a
client that believes it is writing as someone must be told it is not.
"""

from __future__ import annotations

from django.http import HttpRequest

from agora.accounts.selectors import actor_for_token, actor_for_user
from agora.core.actor import ANONYMOUS, Actor

TOKEN_HEADERS = ("HTTP_AUTHORIZATION", "HTTP_X_CKAN_API_KEY")


def token_from(request: HttpRequest) -> str | None:
    for header in TOKEN_HEADERS:
        value = request.META.get(header, "").strip()
        if value:
            scheme, _, rest = value.partition(" ")
            if scheme.lower() == "bearer" and rest.strip():
                return rest.strip()
            return value
    return None


def request_actor(request: HttpRequest) -> Actor:
    """The Actor for this request, computed once and kept on the request."""
    cached = getattr(request, "_agora_actor", None)
    if cached is not None:
        return cached
    token = token_from(request)
    if token is not None:
        actor = actor_for_token(token)
    elif getattr(request, "user", None) is not None and request.user.is_authenticated:
        actor = actor_for_user(request.user)  # type: ignore[arg-type]
    else:
        actor = ANONYMOUS
    request._agora_actor = actor  # type: ignore[attr-defined]
    return actor


def uses_token(request: HttpRequest) -> bool:
    return token_from(request) is not None
