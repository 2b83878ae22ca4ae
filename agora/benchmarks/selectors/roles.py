"""The benchmark roles of an actor, read once and frozen (like the Actor itself)."""

from __future__ import annotations

from agora.core.actor import Actor

from ..models import BenchmarkRole, RoleKind
from ..permissions import BenchmarkRoles


def roles_for(actor: Actor) -> BenchmarkRoles:
    if actor.is_superuser:
        return BenchmarkRoles(admin=True)
    if actor.user_id is None:
        return BenchmarkRoles()
    rows = list(
        BenchmarkRole.objects.filter(user_id=actor.user_id).values_list("role", "country_id")
    )
    return BenchmarkRoles(
        admin=any(role == RoleKind.ADMIN for role, _ in rows),
        reviewer_of_all=any(role == RoleKind.REVIEWER and c is None for role, c in rows),
        reviewer_of=frozenset(c for role, c in rows if role == RoleKind.REVIEWER and c),
        focal_point_of=frozenset(c for role, c in rows if role == RoleKind.FOCAL_POINT and c),
    )
