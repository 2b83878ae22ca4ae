"""Who may do what in the catalogue: the one place that decides, for every handler.

The rule for reading (CKAN's, made explicit):
- active public datasets: everyone;
- active private datasets: members of the owning organization (any role) and sysadmins;
- drafts: editors and admins of the owning organization, their creator, and sysadmins;
- deleted datasets: editors and admins of the owning organization and sysadmins.
`visible_datasets_q` is the same rule as a query filter, so lists and searches never filter
after the fact.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db.models import Q

from agora.core.actor import Actor, Role

from .models import Dataset, DatasetState, Organization, OrganizationState


def visible_datasets_q(actor: Actor, *, include_drafts: bool = True) -> Q:
    if actor.is_superuser:
        states = (
            [DatasetState.ACTIVE, DatasetState.DRAFT] if include_drafts else [DatasetState.ACTIVE]
        )
        return Q(state__in=states)
    member_of = actor.organizations_with(Role.MEMBER)
    editor_of = actor.organizations_with(Role.EDITOR)
    rule = Q(state=DatasetState.ACTIVE, private=False)
    if member_of:
        rule |= Q(state=DatasetState.ACTIVE, organization_id__in=member_of)
    if include_drafts and actor.user_id is not None:
        rule |= Q(state=DatasetState.DRAFT, created_by_id=actor.user_id)
        if editor_of:
            rule |= Q(state=DatasetState.DRAFT, organization_id__in=editor_of)
    return rule


def can_view_dataset(actor: Actor, dataset: Dataset) -> bool:
    return can_view(
        actor,
        organization_id=dataset.organization_id,
        state=dataset.state,
        private=dataset.private,
        created_by_id=dataset.created_by_id,
    )


def can_view(
    actor: Actor,
    *,
    organization_id: uuid.UUID,
    state: str,
    private: bool,
    created_by_id: uuid.UUID | None,
) -> bool:
    """The reading rule on bare values (for reads that never build a Dataset instance)."""
    if actor.is_superuser:
        return True
    if state == DatasetState.ACTIVE:
        return not private or actor.has_role(organization_id, Role.MEMBER)
    if state == DatasetState.DRAFT:
        return actor.has_role(organization_id, Role.EDITOR) or (
            actor.user_id is not None and created_by_id == actor.user_id
        )
    return actor.has_role(organization_id, Role.EDITOR)


def can_create_dataset(actor: Actor, organization_id: uuid.UUID) -> bool:
    return actor.is_superuser or actor.has_role(organization_id, Role.EDITOR)


def can_update_dataset(actor: Actor, dataset: Dataset) -> bool:
    return actor.is_superuser or actor.has_role(dataset.organization_id, Role.EDITOR)


def can_delete_dataset(actor: Actor, dataset: Dataset) -> bool:
    return can_update_dataset(actor, dataset)


def can_move_dataset(actor: Actor, dataset: Dataset, organization_id: uuid.UUID) -> bool:
    """Moving a dataset to another organization needs editor rights on both."""
    return can_update_dataset(actor, dataset) and can_create_dataset(actor, organization_id)


def can_view_organization(actor: Actor, organization: Organization) -> bool:
    return organization.state == OrganizationState.ACTIVE or actor.is_superuser


def can_create_organization(actor: Actor) -> bool:
    if actor.is_superuser:
        return True
    return actor.is_authenticated and settings.AGORA_ACCOUNTS_USERS_CREATE_ORGANIZATIONS


def can_update_organization(actor: Actor, organization: Organization) -> bool:
    return actor.is_superuser or actor.has_role(organization.id, Role.ADMIN)


def can_manage_members(actor: Actor, organization: Organization) -> bool:
    return can_update_organization(actor, organization)


def can_see_private_of(actor: Actor, organization_id: uuid.UUID) -> bool:
    return actor.is_superuser or actor.has_role(organization_id, Role.MEMBER)
