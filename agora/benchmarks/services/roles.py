"""Grant and revoke benchmark roles (focal point, reviewer, benchmarks admin)."""

from __future__ import annotations

from django.db import transaction

from agora.catalog.models import Country
from agora.core.actor import Actor
from agora.core.errors import ValidationFailed

from .. import permissions
from ..errors import BenchmarkForbidden, BenchmarkNotFound
from ..models import BenchmarkRole, RoleKind
from ..selectors.roles import roles_for
from .common import audit


def _check(actor: Actor, role: str, country: str | None) -> str | None:
    if role not in RoleKind.values:
        raise ValidationFailed(fields={"role": [f"one of {', '.join(RoleKind.values)}"]})
    if not permissions.can_grant(actor, roles_for(actor), role):
        raise BenchmarkForbidden("You may not manage this role.", code="benchmarks.role_denied")
    code = country.upper() if country else None
    if role == RoleKind.FOCAL_POINT and not code:
        raise ValidationFailed(fields={"country": ["A focal point answers for one country"]})
    if role == RoleKind.ADMIN and code:
        raise ValidationFailed(fields={"country": ["The admin role is not per country"]})
    if code and not Country.objects.filter(code=code).exists():
        raise ValidationFailed(fields={"country": ["Unknown ISO 3166-1 alpha-3 code"]})
    return code


@transaction.atomic
def role_grant(
    *, actor: Actor, user_id: object, role: str, country: str | None = None
) -> BenchmarkRole:
    code = _check(actor, role, country)
    grant, created = BenchmarkRole.objects.get_or_create(
        user_id=user_id, role=role, country_id=code, defaults={"granted_by_name": actor.username}
    )
    if created:
        audit(actor, "role.grant", "user", user_id, role=role, country=code)
    return grant


@transaction.atomic
def role_revoke(*, actor: Actor, user_id: object, role: str, country: str | None = None) -> None:
    code = _check(actor, role, country)
    deleted, _ = BenchmarkRole.objects.filter(user_id=user_id, role=role, country_id=code).delete()
    if not deleted:
        raise BenchmarkNotFound("No such role", code="benchmarks.role_not_found")
    audit(actor, "role.revoke", "user", user_id, role=role, country=code)
