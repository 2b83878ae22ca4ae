"""Who may manage accounts, memberships and tokens."""

from __future__ import annotations

from agora.catalog import permissions as catalog_permissions
from agora.catalog.models import Organization
from agora.core.actor import Actor

from .models import ApiToken, User


def can_manage_members(actor: Actor, organization: Organization) -> bool:
    return catalog_permissions.can_manage_members(actor, organization)


def can_create_user(actor: Actor) -> bool:
    return actor.is_superuser


def can_view_user_private_fields(actor: Actor, user: User) -> bool:
    """E-mail addresses and token lists: the user themself and sysadmins only."""
    return actor.is_superuser or actor.user_id == user.id


def can_manage_token(actor: Actor, token: ApiToken) -> bool:
    return actor.is_superuser or actor.user_id == token.user_id


def can_create_token_for(actor: Actor, user: User) -> bool:
    return actor.user_id == user.id or actor.is_superuser
