"""API tokens: hashed at rest, shown once, named, revocable, expiring, last-used time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from agora.accounts import services
from agora.accounts.models import ApiToken
from agora.accounts.selectors import actor_for_token, token_hash
from agora.core.actor import SYSTEM
from agora.core.errors import AuthenticationFailed, Forbidden, ValidationFailed

pytestmark = pytest.mark.django_db


def test_only_the_hash_is_stored(stranger):
    token, secret = services.token_create(actor=SYSTEM, user=stranger, name="ci")
    assert token.token_hash == token_hash(secret)
    assert secret not in {token.token_hash, token.prefix}
    assert secret.startswith(token.prefix)


def test_token_authenticates_and_records_last_use(stranger, actor_of):
    token, secret = services.token_create(actor=actor_of(stranger), user=stranger, name="ci")
    actor = actor_for_token(secret)
    assert actor.username == stranger.username
    assert actor.token_id == token.id
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_expired_and_unknown_tokens_fail(stranger):
    revoked, revoked_secret = services.token_create(actor=SYSTEM, user=stranger, name="a")
    services.token_revoke(actor=SYSTEM, token=revoked)
    expiring, expiring_secret = services.token_create(
        actor=SYSTEM, user=stranger, name="b", expires_at=timezone.now() + dt.timedelta(days=1)
    )
    ApiToken.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    for secret in (revoked_secret, expiring_secret, "agora_not-a-token"):
        with pytest.raises(AuthenticationFailed):
            actor_for_token(secret)


def test_inactive_users_tokens_fail(stranger):
    _, secret = services.token_create(actor=SYSTEM, user=stranger, name="a")
    stranger.is_active = False
    stranger.save()
    with pytest.raises(AuthenticationFailed):
        actor_for_token(secret)


def test_users_cannot_make_tokens_for_others(stranger, member, actor_of):
    with pytest.raises(Forbidden):
        services.token_create(actor=actor_of(member), user=stranger, name="x")


def test_token_needs_a_name_and_a_future_expiry(stranger):
    with pytest.raises(ValidationFailed):
        services.token_create(actor=SYSTEM, user=stranger, name=" ")
    with pytest.raises(ValidationFailed):
        services.token_create(
            actor=SYSTEM, user=stranger, name="x", expires_at=timezone.now() - dt.timedelta(1)
        )


def test_default_expiry_setting(stranger, settings):
    settings.AGORA_ACCOUNTS_TOKEN_DEFAULT_DAYS = 30
    token, _ = services.token_create(actor=SYSTEM, user=stranger, name="x")
    assert token.expires_at is not None
    assert 29 <= (token.expires_at - timezone.now()).days <= 30
