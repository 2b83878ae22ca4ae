"""/api/v1/me: who the caller is, and their API tokens."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from agora.accounts import services
from agora.accounts.models import ApiToken, User
from agora.accounts.selectors import memberships_of, tokens_of
from agora.core.errors import Forbidden, NotFound

from .schemas import MeOut, Problem, TokenCreated, TokenIn, TokenOut
from .security import actor

router = Router(tags=["me"])
ERRORS = {400: Problem, 403: Problem, 404: Problem, 422: Problem}


def _user(request: HttpRequest) -> User:
    who = actor(request)
    if who.user_id is None:
        raise Forbidden("Sign in or send an API token.", code="auth.required")
    return User.objects.get(pk=who.user_id)


@router.get("/me", response=MeOut, operation_id="me_read")
def me_read(request: HttpRequest):  # type: ignore[no-untyped-def]
    """The caller: anonymous, or a user with their organization roles."""
    who = actor(request)
    if who.user_id is None:
        return {
            "id": None,
            "username": "",
            "authenticated": False,
            "sysadmin": False,
            "memberships": [],
        }
    user = User.objects.get(pk=who.user_id)
    return {
        "id": str(user.id),
        "username": user.username,
        "authenticated": True,
        "sysadmin": user.is_superuser,
        "memberships": [
            {"organization": m.organization.name, "role": m.role} for m in memberships_of(user)
        ],
    }


@router.get("/me/tokens", response={200: list[TokenOut], **ERRORS}, operation_id="tokens_list")
def tokens_list(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Your API tokens (never their secrets)."""
    return [_token_out(t) for t in tokens_of(_user(request))]


@router.post("/me/tokens", response={201: TokenCreated, **ERRORS}, operation_id="tokens_create")
def tokens_create(request: HttpRequest, payload: TokenIn):  # type: ignore[no-untyped-def]
    """Create a token. Its secret is in this response only: store it now."""
    token, secret = services.token_create(
        actor=actor(request), user=_user(request), name=payload.name, expires_at=payload.expires_at
    )
    return Status(201, {**_token_out(token), "token": secret})


@router.delete(
    "/me/tokens/{token_id}", response={204: None, **ERRORS}, operation_id="tokens_revoke"
)
def tokens_revoke(request: HttpRequest, token_id: str):  # type: ignore[no-untyped-def]
    token = tokens_of(_user(request)).filter(id=_uuid_or_none(token_id)).first()
    if token is None:
        raise NotFound("Token not found", code="accounts.token_not_found")
    services.token_revoke(actor=actor(request), token=token)
    return Status(204, None)


def _uuid_or_none(value: str) -> str | None:
    import uuid

    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def _token_out(token: ApiToken) -> dict[str, object]:
    return {
        "id": str(token.id),
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }
