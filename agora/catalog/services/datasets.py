"""Create, update and delete datasets."""

from __future__ import annotations

import dataclasses
import uuid

from django.db import IntegrityError, transaction

from agora.core.actor import Actor
from agora.core.errors import Conflict, Forbidden, ValidationFailed
from agora.core.i18n import clean_localized, pick
from agora.interop.records import DatasetDraft
from agora.interop.vocabularies.licences import licence_id_from

from .. import permissions
from ..models import (
    Country,
    Dataset,
    DatasetState,
    Language,
    Organization,
    OrganizationState,
    Tag,
    Theme,
)
from ..selectors import dataset_lookup, organization_lookup
from ..validation import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    bounding_box,
    country_code,
    language_code,
    validate_dataset_draft,
)
from .distributions import sync_distributions
from .history import record_dataset_change

NAME_TAKEN = {"name": ["That URL is already in use."]}


def _organization_for(draft: DatasetDraft) -> Organization:
    org = organization_lookup(draft.organization) if draft.organization else None
    if org is None or org.state != OrganizationState.ACTIVE:
        message = "Organization does not exist" if draft.organization else "Missing value"
        raise ValidationFailed(
            "The owner organization is missing or unknown.",
            code="catalog.organization_unknown",
            fields={"owner_org": [message]},
        )
    return org


def _check_valid(draft: DatasetDraft) -> None:
    errors = validate_dataset_draft(draft)
    if errors:
        raise ValidationFailed(fields=errors)


def _apply_fields(dataset: Dataset, draft: DatasetDraft) -> None:
    title = clean_localized(draft.title, max_length=TITLE_MAX)[0]
    description = clean_localized(draft.description, max_length=DESCRIPTION_MAX)[0]
    dataset.name = draft.name
    dataset.title = title
    dataset.description = description
    dataset.licence_id = licence_id_from(draft.licence) if draft.licence else None
    dataset.spatial = draft.spatial
    bbox = bounding_box(draft.spatial) if draft.spatial else (None, None, None, None)
    dataset.bbox_west, dataset.bbox_south, dataset.bbox_east, dataset.bbox_north = bbox
    dataset.temporal_start = draft.temporal_start
    dataset.temporal_end = draft.temporal_end
    dataset.frequency = draft.frequency
    dataset.contact_name = draft.contact_name[:200]
    dataset.contact_email = draft.contact_email
    dataset.contact_url = draft.contact_url
    dataset.issued = draft.issued
    dataset.modified = draft.modified
    dataset.version = draft.version
    dataset.conforms_to = list(draft.conforms_to)
    dataset.access_rights = draft.access_rights
    dataset.landing_page = draft.landing_page
    dataset.identifier = draft.identifier
    dataset.private = draft.private
    dataset.state = draft.state
    dataset.extras = dict(draft.extras)
    dataset.is_series = draft.is_series
    dataset.title_sort = pick(title)[0].lower()[:200]
    dataset.search_text = " ".join(
        [*title.values(), *description.values(), *draft.tags, draft.name]
    ).lower()


def _tags(names: list[str]) -> list[Tag]:
    wanted = sorted({name.strip() for name in names if name.strip()})
    Tag.objects.bulk_create([Tag(name=n) for n in wanted], ignore_conflicts=True)
    return list(Tag.objects.filter(name__in=wanted))


def _series_for(draft: DatasetDraft, dataset_id: uuid.UUID) -> Dataset | None:
    """The series named by the draft: it must exist, be a series, and not be the dataset."""
    if not draft.in_series:
        return None
    series = dataset_lookup(draft.in_series)
    if series is None or not series.is_series or series.id == dataset_id:
        raise ValidationFailed(fields={"in_series": ["Must name an existing dataset series"]})
    return series


def _apply_relations(dataset: Dataset, draft: DatasetDraft) -> None:
    dataset.tags.set(_tags(draft.tags))
    dataset.themes.set(Theme.objects.filter(code__in=draft.themes))
    codes = {country_code(c) for c in draft.countries}
    dataset.countries.set(Country.objects.filter(code__in=codes - {None}))
    languages = {language_code(c) for c in draft.languages}
    dataset.languages.set(Language.objects.filter(code__in=languages - {None}))


def _save(dataset: Dataset) -> None:
    try:
        with transaction.atomic():
            dataset.save()
    except IntegrityError as error:
        raise Conflict(code="catalog.name_taken", fields=NAME_TAKEN) from error


def _requested_id(actor: Actor, requested: str | None) -> uuid.UUID:
    """Sysadmins may choose the id (to copy a catalogue faithfully); others get a new one."""
    if requested and actor.is_superuser:
        try:
            return uuid.UUID(str(requested))
        except ValueError as error:
            raise ValidationFailed(fields={"id": ["Must be a UUID"]}) from error
    return uuid.uuid4()


@transaction.atomic
def dataset_create(
    *,
    actor: Actor,
    draft: DatasetDraft,
    requested_id: str | None = None,
    harvest_source_id: uuid.UUID | None = None,
    harvest_remote_id: str = "",
) -> Dataset:
    organization = _organization_for(draft)
    if not permissions.can_create_dataset(actor, organization.id):
        raise Forbidden(
            "You may not create datasets in this organization.",
            code="catalog.dataset_create_denied",
        )
    _check_valid(draft)
    dataset_id = _requested_id(actor, requested_id)
    if Dataset.objects.filter(name=draft.name).exists():
        raise Conflict(code="catalog.name_taken", fields=NAME_TAKEN)
    if Dataset.objects.filter(id=dataset_id).exists():
        raise Conflict(code="catalog.id_taken", fields={"id": ["Dataset id already exists"]})
    dataset = Dataset(
        id=dataset_id,
        organization=organization,
        created_by_id=actor.user_id,
        harvest_source_id=harvest_source_id,
        harvest_remote_id=harvest_remote_id,
    )
    _apply_fields(dataset, draft)
    dataset.in_series = _series_for(draft, dataset_id)
    _save(dataset)
    _apply_relations(dataset, draft)
    if draft.distributions:
        sync_distributions(dataset=dataset, drafts=draft.distributions)
    record_dataset_change(actor=actor, dataset=dataset, action="create")
    return dataset


@transaction.atomic
def dataset_update(
    *,
    actor: Actor,
    dataset: Dataset,
    draft: DatasetDraft,
    expected_revision: int | None = None,
) -> Dataset:
    """Replace the dataset's metadata with the draft (CKAN `package_update` semantics).

    `expected_revision` makes the update conditional: a concurrent edit in between turns it
    into a Conflict instead of silently overwriting someone else's change.
    """
    locked = Dataset.objects.select_for_update().get(pk=dataset.pk)
    if not permissions.can_update_dataset(actor, locked):
        raise Forbidden("You may not edit this dataset.", code="catalog.dataset_update_denied")
    if expected_revision is not None and locked.revision_number != expected_revision:
        raise Conflict(
            f"The dataset changed since revision {expected_revision} "
            f"(it is now at {locked.revision_number}).",
            code="catalog.stale_revision",
        )
    organization = _organization_for(draft)
    if organization.id != locked.organization_id and not permissions.can_move_dataset(
        actor, locked, organization.id
    ):
        raise Forbidden(
            "You may not move the dataset to that organization.",
            code="catalog.dataset_move_denied",
        )
    if locked.state == DatasetState.ACTIVE and draft.state == DatasetState.DRAFT:
        # A published dataset does not go back to draft; hiding it is what `private` is for.
        draft = dataclasses.replace(draft, state=DatasetState.ACTIVE)
    _check_valid(draft)
    if Dataset.objects.filter(name=draft.name).exclude(pk=locked.pk).exists():
        raise Conflict(code="catalog.name_taken", fields=NAME_TAKEN)
    locked.organization = organization
    _apply_fields(locked, draft)
    locked.in_series = _series_for(draft, locked.id)
    _save(locked)
    _apply_relations(locked, draft)
    if draft.distributions is not None:
        sync_distributions(dataset=locked, drafts=draft.distributions)
    record_dataset_change(actor=actor, dataset=locked, action="update")
    return locked


@transaction.atomic
def dataset_delete(*, actor: Actor, dataset: Dataset) -> Dataset:
    """Mark the dataset deleted (its history and name stay; CKAN `package_delete`)."""
    locked = Dataset.objects.select_for_update().get(pk=dataset.pk)
    if not permissions.can_delete_dataset(actor, locked):
        raise Forbidden("You may not delete this dataset.", code="catalog.dataset_delete_denied")
    if locked.state == DatasetState.DELETED:
        return locked
    locked.state = DatasetState.DELETED
    locked.save(update_fields=["state"])
    record_dataset_change(actor=actor, dataset=locked, action="delete")
    return locked
