"""What every benchmarks service shares: the admin check and the audit entry."""

from __future__ import annotations

from typing import Any

from agora.core.actor import Actor
from agora.core.audit import audit_append

from .. import permissions
from ..errors import BenchmarkForbidden
from ..permissions import BenchmarkRoles
from ..selectors.roles import roles_for


def require_admin(actor: Actor, what: str) -> BenchmarkRoles:
    roles = roles_for(actor)
    if not permissions.can_administer(roles):
        raise BenchmarkForbidden(f"Only benchmarks admins may {what}.")
    return roles


def audit(actor: Actor, action: str, object_type: str, object_id: object, **data: Any) -> None:
    audit_append(
        actor=actor,
        action=f"benchmarks.{action}",
        object_type=f"benchmarks.{object_type}",
        object_id=str(object_id),
        data=data,
    )
