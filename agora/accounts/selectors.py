"""Who is acting: build the frozen Actor from a user or an API token."""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from agora.catalog.models import Organization, OrganizationState
from agora.catalog.permissions import can_manage_members
from agora.core.actor import ANONYMOUS, Actor, actor_for
from agora.core.errors import AuthenticationFailed, Forbidden, NotFound

from .models import ApiToken, Membership, User

# Writing last_used_at on every request would turn every read into a write; once a minute is
# enough to tell an administrator which tokens are alive.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def actor_for_user(user: User, *, token_id=None) -> Actor:  # type: ignore[no-untyped-def]
    if not user.is_active:
        return ANONYMOUS
    memberships = Membership.objects.filter(
        user=user, organization__state=OrganizationState.ACTIVE
    ).values_list("organization_id", "role")
    return actor_for(
        user_id=user.id,
        username=user.username,
        is_sysadmin=user.is_superuser,
        memberships=list(memberships),
        token_id=token_id,
    )


def actor_for_token(secret: str) -> Actor:
    """The actor behind an API token; AuthenticationFailed for unknown, expired or revoked ones."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(secret.strip()))
        .first()
    )
    now = timezone.now()
    if token is None or not token.is_usable(now) or not token.user.is_active:
        raise AuthenticationFailed()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return actor_for_user(token.user, token_id=token.id)


def user_get(id_or_name: str) -> User:
    query = Q(username=str(id_or_name))
    with contextlib.suppress(ValueError):
        query |= Q(id=uuid.UUID(str(id_or_name)))
    user = User.objects.filter(query).first()
    if user is None:
        raise NotFound("User not found", code="accounts.user_not_found")
    return user


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(
        user=user, organization__state=OrganizationState.ACTIVE
    ).select_related("organization")


def organization_members(actor: Actor, organization: Organization) -> QuerySet[Membership]:
    """Members of an organization, for its admins and sysadmins only (privacy of the network)."""
    if not can_manage_members(actor, organization):
        raise Forbidden(
            "Only the organization's admins see its members.", code="accounts.members_denied"
        )
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("user__username")
    )
