"""The one frozen description of who is acting, passed explicitly to services and selectors.

An Actor replaces CKAN's mutable `context` bag: it is built once per request (or task) from the
session or API token and never changes. Anonymous visitors are an Actor too, so no code path
has to ask "is there a user?" before asking "may this actor do X?".
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class Role(StrEnum):
    """Roles in an organization, weakest first (CKAN's capacities)."""

    MEMBER = "member"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return _ROLE_RANK[self]


_ROLE_RANK = {Role.MEMBER: 1, Role.EDITOR: 2, Role.ADMIN: 3}


def _freeze(roles: Mapping[uuid.UUID, Role]) -> Mapping[uuid.UUID, Role]:
    return MappingProxyType(dict(roles))


@dataclass(frozen=True)
class Actor:
    user_id: uuid.UUID | None
    username: str
    is_sysadmin: bool = False
    roles: Mapping[uuid.UUID, Role] = field(default_factory=dict)
    token_id: uuid.UUID | None = None
    is_system: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", _freeze(self.roles))

    def __hash__(self) -> int:
        return hash((self.user_id, self.username, self.is_system))

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None or self.is_system

    @property
    def is_superuser(self) -> bool:
        """Sysadmins and the system actor (tasks, demo loader) may do anything."""
        return self.is_sysadmin or self.is_system

    def role_in(self, organization_id: uuid.UUID | None) -> Role | None:
        if organization_id is None:
            return None
        return self.roles.get(organization_id)

    def has_role(self, organization_id: uuid.UUID | None, minimum: Role) -> bool:
        role = self.role_in(organization_id)
        return role is not None and role.rank >= minimum.rank

    def organizations_with(self, minimum: Role) -> frozenset[uuid.UUID]:
        return frozenset(org for org, role in self.roles.items() if role.rank >= minimum.rank)


ANONYMOUS = Actor(user_id=None, username="")
SYSTEM = Actor(user_id=None, username="system", is_system=True)


def actor_for(
    *,
    user_id: uuid.UUID,
    username: str,
    is_sysadmin: bool,
    memberships: Iterable[tuple[uuid.UUID, str]],
    token_id: uuid.UUID | None = None,
) -> Actor:
    return Actor(
        user_id=user_id,
        username=username,
        is_sysadmin=is_sysadmin,
        roles={org: Role(role) for org, role in memberships},
        token_id=token_id,
    )
