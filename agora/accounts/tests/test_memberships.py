"""Memberships and organization founding (audited, permission-checked)."""

from __future__ import annotations

import pytest

from agora.accounts import services
from agora.accounts.models import Membership
from agora.accounts.selectors import actor_for_user
from agora.core.actor import Role
from agora.core.errors import Conflict, Forbidden
from agora.core.models import AuditEntry
from agora.interop.records import OrganizationDraft

pytestmark = pytest.mark.django_db


def test_org_admin_sets_roles_and_it_is_audited(org, org_admin, stranger, actor_of):
    services.membership_set(
        actor=actor_of(org_admin), organization=org, user=stranger, role=Role.EDITOR
    )
    assert actor_for_user(stranger).role_in(org.id) == Role.EDITOR
    assert AuditEntry.objects.filter(action="membership.set", data__user="stranger").exists()


def test_the_only_admin_cannot_be_demoted_but_a_second_admin_can(
    org, org_admin, stranger, sysadmin, actor_of
):
    with pytest.raises(Conflict):
        services.membership_set(
            actor=actor_of(org_admin), organization=org, user=org_admin, role=Role.EDITOR
        )
    assert actor_for_user(org_admin).role_in(org.id) == Role.ADMIN
    services.membership_set(
        actor=actor_of(org_admin), organization=org, user=stranger, role=Role.ADMIN
    )
    services.membership_set(
        actor=actor_of(stranger), organization=org, user=org_admin, role=Role.EDITOR
    )
    assert actor_for_user(org_admin).role_in(org.id) == Role.EDITOR
    # A sysadmin may leave an organization without an admin (e.g. to hand it over).
    services.membership_set(
        actor=actor_of(sysadmin), organization=org, user=stranger, role=Role.MEMBER
    )
    assert actor_for_user(stranger).role_in(org.id) == Role.MEMBER


def test_editors_cannot_manage_members(org, editor, stranger, actor_of):
    with pytest.raises(Forbidden):
        services.membership_set(
            actor=actor_of(editor), organization=org, user=stranger, role=Role.ADMIN
        )


def test_founder_becomes_admin(sysadmin, actor_of):
    org = services.organization_found(
        actor=actor_of(sysadmin), draft=OrganizationDraft(name="new-org", title={"fr": "Nouveau"})
    )
    assert Membership.objects.get(organization=org, user=sysadmin).role == "admin"


def test_users_may_found_organizations_only_when_allowed(stranger, actor_of, settings):
    draft = OrganizationDraft(name="citizen-lab", title={"en": "Citizen lab"})
    with pytest.raises(Forbidden):
        services.organization_found(actor=actor_of(stranger), draft=draft)
    settings.AGORA_ACCOUNTS_USERS_CREATE_ORGANIZATIONS = True
    org = services.organization_found(actor=actor_of(stranger), draft=draft)
    assert actor_for_user(stranger).role_in(org.id) == Role.ADMIN


def test_inactive_users_are_anonymous(stranger):
    stranger.is_active = False
    assert not actor_for_user(stranger).is_authenticated
