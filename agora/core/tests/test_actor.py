import uuid

import pytest

from agora.core.actor import ANONYMOUS, SYSTEM, Actor, Role


def test_roles_rank_and_organizations_with():
    a, b = uuid.uuid4(), uuid.uuid4()
    actor = Actor(user_id=uuid.uuid4(), username="u", roles={a: Role.EDITOR, b: Role.MEMBER})
    assert actor.has_role(a, Role.MEMBER)
    assert actor.has_role(a, Role.EDITOR)
    assert not actor.has_role(a, Role.ADMIN)
    assert actor.organizations_with(Role.EDITOR) == frozenset({a})
    assert actor.organizations_with(Role.MEMBER) == frozenset({a, b})


def test_actor_is_frozen():
    actor = Actor(user_id=None, username="x", roles={})
    with pytest.raises(AttributeError):
        actor.username = "y"  # type: ignore[misc]
    with pytest.raises(TypeError):
        actor.roles[uuid.uuid4()] = Role.ADMIN  # type: ignore[index]


def test_anonymous_and_system():
    assert not ANONYMOUS.is_authenticated
    assert not ANONYMOUS.is_superuser
    assert SYSTEM.is_superuser
