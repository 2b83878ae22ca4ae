"""Create, update and delete organizations (publishers).

Creating an organization with its first admin is `accounts.services.organization_found`,
which calls `organization_create` and adds the membership in the same transaction.
"""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction

from agora.core.actor import Actor
from agora.core.audit import audit_append
from agora.core.errors import Conflict, Forbidden, ValidationFailed
from agora.core.i18n import clean_localized
from agora.interop.records import OrganizationDraft
from agora.search.services import changes_record

from .. import permissions
from ..models import Dataset, DatasetState, Organization, OrganizationState
from ..selectors import organization_lookup
from ..validation import DESCRIPTION_MAX, TITLE_MAX, country_code, validate_organization_draft

NAME_TAKEN = {"name": ["Organization name already exists in database"]}


def _check_valid(draft: OrganizationDraft) -> None:
    errors = validate_organization_draft(draft)
    if errors:
        raise ValidationFailed(fields=errors)


def _parent(draft: OrganizationDraft, organization: Organization | None) -> Organization | None:
    if not draft.parent:
        return None
    parent = organization_lookup(draft.parent)
    if parent is None:
        raise ValidationFailed(fields={"parent": ["Parent organization does not exist"]})
    ancestor: Organization | None = parent
    while ancestor is not None:  # refuse cycles: an organization cannot be its own ancestor
        if organization is not None and ancestor.pk == organization.pk:
            raise ValidationFailed(fields={"parent": ["That would make a cycle of parents"]})
        ancestor = ancestor.parent
    return parent


def _apply(org: Organization, draft: OrganizationDraft) -> None:
    org.name = draft.name
    org.title = clean_localized(draft.title, max_length=TITLE_MAX)[0]
    org.description = clean_localized(draft.description, max_length=DESCRIPTION_MAX)[0]
    org.country_id = country_code(draft.country) if draft.country else None
    org.publisher_type = draft.publisher_type
    org.image_url = draft.image_url
    org.homepage = draft.homepage
    org.email = draft.email


def _save(org: Organization) -> None:
    try:
        with transaction.atomic():
            org.save()
    except IntegrityError as error:
        raise Conflict(code="catalog.organization_name_taken", fields=NAME_TAKEN) from error


def _audit(actor: Actor, org: Organization, action: str) -> None:
    audit_append(
        actor=actor,
        action=f"organization.{action}",
        object_type="catalog.organization",
        object_id=str(org.pk),
        data={"name": org.name, "state": org.state},
    )


@transaction.atomic
def organization_create(
    *, actor: Actor, draft: OrganizationDraft, requested_id: str | None = None
) -> Organization:
    if not permissions.can_create_organization(actor):
        raise Forbidden(
            "You may not create organizations.", code="catalog.organization_create_denied"
        )
    _check_valid(draft)
    if Organization.objects.filter(name=draft.name).exists():
        raise Conflict(code="catalog.organization_name_taken", fields=NAME_TAKEN)
    org = Organization(id=_id_for(actor, requested_id))
    _apply(org, draft)
    org.parent = _parent(draft, None)
    _save(org)
    _audit(actor, org, "create")
    return org


@transaction.atomic
def organization_update(
    *, actor: Actor, organization: Organization, draft: OrganizationDraft
) -> Organization:
    locked = Organization.objects.select_for_update().get(pk=organization.pk)
    if not permissions.can_update_organization(actor, locked):
        raise Forbidden(
            "You may not edit this organization.", code="catalog.organization_update_denied"
        )
    _check_valid(draft)
    if Organization.objects.filter(name=draft.name).exclude(pk=locked.pk).exists():
        raise Conflict(code="catalog.organization_name_taken", fields=NAME_TAKEN)
    _apply(locked, draft)
    locked.parent = _parent(draft, locked)
    _save(locked)
    _audit(actor, locked, "update")
    # Search documents embed the organization's name: reindex its datasets.
    changes_record(kind="organization", ids=[locked.pk])
    return locked


@transaction.atomic
def organization_delete(*, actor: Actor, organization: Organization) -> Organization:
    """Mark the organization deleted; refused while it still has datasets (CKAN does too)."""
    locked = Organization.objects.select_for_update().get(pk=organization.pk)
    if not permissions.can_update_organization(actor, locked):
        raise Forbidden(
            "You may not delete this organization.", code="catalog.organization_delete_denied"
        )
    if Dataset.objects.filter(organization=locked).exclude(state=DatasetState.DELETED).exists():
        raise Conflict(
            "Organization cannot be deleted while it still has datasets",
            code="catalog.organization_not_empty",
        )
    locked.state = OrganizationState.DELETED
    locked.save(update_fields=["state", "updated_at"])
    _audit(actor, locked, "delete")
    return locked


def _id_for(actor: Actor, requested: str | None) -> uuid.UUID:
    if requested and actor.is_superuser:
        try:
            return uuid.UUID(str(requested))
        except ValueError as error:
            raise ValidationFailed(fields={"id": ["Must be a UUID"]}) from error
    return uuid.uuid4()
