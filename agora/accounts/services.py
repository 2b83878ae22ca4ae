"""Writes to accounts: users, memberships, API tokens, and founding an organization."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone

from agora.catalog import services as catalog_services
from agora.catalog.models import Organization
from agora.core.actor import Actor, Role
from agora.core.audit import audit_append
from agora.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from agora.core.slugs import name_errors
from agora.interop.records import OrganizationDraft

from . import permissions
from .models import ApiToken, Membership, User
from .selectors import token_hash

TOKEN_PREFIX = "agora_"  # noqa: S105 - a public marker, not a secret


def _audit(actor: Actor, action: str, object_type: str, object_id: str, **data: object) -> None:
    audit_append(
        actor=actor, action=action, object_type=object_type, object_id=object_id, data=data
    )


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    email: str,
    password: str | None,
    fullname: str = "",
    is_sysadmin: bool = False,
) -> User:
    if not permissions.can_create_user(actor):
        raise Forbidden("You may not create users.", code="accounts.user_create_denied")
    errors = {}
    if name_errors(username):
        errors["name"] = name_errors(username)
    if User.objects.filter(username=username).exists():
        errors["name"] = ["That login name is not available."]
    if password:
        try:
            validate_password(password, User(username=username, email=email))
        except DjangoValidationError as error:
            errors["password"] = list(error.messages)
    if errors:
        raise ValidationFailed(fields=errors)
    user = User(
        username=username,
        email=email,
        fullname=fullname,
        is_superuser=is_sysadmin,
        is_staff=is_sysadmin,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    _audit(actor, "user.create", "accounts.user", str(user.id), name=username, sysadmin=is_sysadmin)
    return user


@transaction.atomic
def membership_set(
    *, actor: Actor, organization: Organization, user: User, role: Role
) -> Membership:
    """Give `user` this role in the organization (adding or changing the membership).

    Demoting the organization's only admin is refused (as removing them is), except by a
    sysadmin, so that nobody is left able to manage the organization."""
    if not permissions.can_manage_members(actor, organization):
        raise Forbidden(
            "You may not manage members of this organization.",
            code="accounts.members_denied",
        )
    if role != Role.ADMIN and _is_last_admin(organization, user) and not actor.is_superuser:
        raise Conflict("An organization needs at least one admin.", code="accounts.last_admin")
    membership, created = Membership.objects.update_or_create(
        user=user, organization=organization, defaults={"role": role.value}
    )
    _audit(
        actor,
        "membership.set",
        "catalog.organization",
        str(organization.id),
        user=user.username,
        role=role.value,
        created=created,
    )
    return membership


def _is_last_admin(organization: Organization, user: User) -> bool:
    """Whether `user` is an admin of the organization and no one else is."""
    admins = Membership.objects.filter(organization=organization, role=Role.ADMIN.value)
    return admins.filter(user=user).exists() and not admins.exclude(user=user).exists()


@transaction.atomic
def membership_remove(*, actor: Actor, organization: Organization, user: User) -> None:
    if not permissions.can_manage_members(actor, organization):
        raise Forbidden(
            "You may not manage members of this organization.",
            code="accounts.members_denied",
        )
    if _is_last_admin(organization, user) and not actor.is_superuser:
        raise Conflict("An organization needs at least one admin.", code="accounts.last_admin")
    deleted, _ = Membership.objects.filter(organization=organization, user=user).delete()
    if not deleted:
        raise NotFound("That user is not a member.", code="accounts.membership_not_found")
    _audit(
        actor, "membership.remove", "catalog.organization", str(organization.id), user=user.username
    )


@transaction.atomic
def organization_found(
    *, actor: Actor, draft: OrganizationDraft, requested_id: str | None = None
) -> Organization:
    """Create an organization and make its creator its first admin (CKAN's behaviour)."""
    organization = catalog_services.organization_create(
        actor=actor, draft=draft, requested_id=requested_id
    )
    if actor.user_id is not None:
        Membership.objects.create(
            user_id=actor.user_id, organization=organization, role=Role.ADMIN.value
        )
        _audit(
            actor,
            "membership.set",
            "catalog.organization",
            str(organization.id),
            user=actor.username,
            role=Role.ADMIN.value,
            created=True,
        )
    return organization


@transaction.atomic
def token_create(
    *, actor: Actor, user: User, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is shown once and never stored."""
    if not permissions.can_create_token_for(actor, user):
        raise Forbidden("You may not create tokens for this user.", code="accounts.token_denied")
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationFailed(fields={"name": ["A token needs a name of 1 to 100 characters"]})
    if expires_at is None and settings.AGORA_ACCOUNTS_TOKEN_DEFAULT_DAYS:
        expires_at = timezone.now() + timedelta(days=settings.AGORA_ACCOUNTS_TOKEN_DEFAULT_DAYS)
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationFailed(fields={"expires_at": ["The expiry must be in the future"]})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        token_hash=token_hash(secret),
        expires_at=expires_at,
    )
    _audit(
        actor, "token.create", "accounts.api_token", str(token.id), user=user.username, name=name
    )
    return token, secret


@transaction.atomic
def token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    if not permissions.can_manage_token(actor, token):
        raise Forbidden("You may not revoke this token.", code="accounts.token_denied")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        _audit(actor, "token.revoke", "accounts.api_token", str(token.id), user=token.user.username)
    return token
