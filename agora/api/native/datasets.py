"""/api/v1/datasets: list, read, create, replace, patch, delete, revisions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from agora.catalog import selectors, services
from agora.catalog.models import DatasetRevision
from agora.core.errors import NotFound

from .convert import dataset_draft, dataset_in_from_record
from .pagination import keyset_page
from .schemas import (
    DatasetIn,
    DatasetOut,
    DatasetPage,
    DatasetPatch,
    Problem,
    RevisionOut,
    RevisionSummary,
)
from .security import actor

router = Router(tags=["datasets"])
ERRORS = {400: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, 422: Problem}


class DatasetFilters(Schema):
    organization: str | None = Field(None, description="Organization name")
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 code")
    theme: str | None = Field(None, description="EU data-theme code")
    tag: str | None = None
    q: str | None = Field(None, description="Words to find in titles, descriptions and tags")
    cursor: str | None = None
    limit: int = Field(20, ge=1, le=1000)


def _record(request: HttpRequest, id_or_name: str):  # type: ignore[no-untyped-def]
    return selectors.dataset_record_for(actor(request), id_or_name)


def _expected_revision(request: HttpRequest) -> int | None:
    """`If-Match: "<revision>"` makes a write conditional on the revision it was based on."""
    header = request.headers.get("If-Match", "").strip().strip('"').removeprefix("W/").strip('"')
    return int(header) if header.isdigit() else None


@router.get("/datasets", response={200: DatasetPage, **ERRORS}, operation_id="datasets_list")
def datasets_list(request: HttpRequest, filters: Query[DatasetFilters]):  # type: ignore[no-untyped-def]
    """Datasets the caller may see, by name, one page at a time."""
    queryset = selectors.datasets_visible_to(actor(request))
    if filters.organization:
        queryset = queryset.filter(organization__name=filters.organization)
    if filters.country:
        queryset = queryset.filter(countries__code=filters.country.upper())
    if filters.theme:
        queryset = queryset.filter(themes__code=filters.theme.upper())
    if filters.tag:
        queryset = queryset.filter(tags__name=filters.tag)
    if filters.q:
        for word in filters.q.lower().split()[:20]:
            queryset = queryset.filter(search_text__contains=word)
    rows, next_cursor = keyset_page(
        queryset.distinct(), key="name", cursor=filters.cursor, limit=filters.limit
    )
    return {"items": selectors.dataset_records(rows), "next_cursor": next_cursor}


@router.post("/datasets", response={201: DatasetOut, **ERRORS}, operation_id="datasets_create")
def datasets_create(request: HttpRequest, payload: DatasetIn):  # type: ignore[no-untyped-def]
    """Create a dataset (with its distributions as links); the caller must edit for the
    organization."""
    dataset = services.dataset_create(actor=actor(request), draft=dataset_draft(payload))
    return Status(201, selectors.dataset_records([dataset.id])[0])


@router.get(
    "/datasets/{id_or_name}", response={200: DatasetOut, **ERRORS}, operation_id="datasets_read"
)
def datasets_read(request: HttpRequest, id_or_name: str, response: HttpResponse):  # type: ignore[no-untyped-def]
    """A dataset by id or name. The ETag is its revision number (use it with If-Match)."""
    record = _record(request, id_or_name)
    response["ETag"] = f'"{record.revision_number}"'
    response["Last-Modified"] = record.metadata_modified.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return record


@router.put(
    "/datasets/{id_or_name}", response={200: DatasetOut, **ERRORS}, operation_id="datasets_replace"
)
def datasets_replace(request: HttpRequest, id_or_name: str, payload: DatasetIn):  # type: ignore[no-untyped-def]
    """Replace a dataset's metadata. Send If-Match with the revision you edited to refuse
    overwriting a concurrent change (409)."""
    dataset = selectors.dataset_get(actor(request), id_or_name)
    updated = services.dataset_update(
        actor=actor(request),
        dataset=dataset,
        draft=dataset_draft(payload),
        expected_revision=_expected_revision(request),
    )
    return selectors.dataset_records([updated.id])[0]


@router.patch(
    "/datasets/{id_or_name}", response={200: DatasetOut, **ERRORS}, operation_id="datasets_patch"
)
def datasets_patch(request: HttpRequest, id_or_name: str, payload: DatasetPatch):  # type: ignore[no-untyped-def]
    """Change only the fields given."""
    record = _record(request, id_or_name)
    merged = {**dataset_in_from_record(record), **payload.model_dump(exclude_unset=True)}
    draft = dataset_draft(DatasetIn(**merged))
    dataset = selectors.dataset_get(actor(request), record.id)
    updated = services.dataset_update(
        actor=actor(request),
        dataset=dataset,
        draft=draft,
        expected_revision=_expected_revision(request),
    )
    return selectors.dataset_records([updated.id])[0]


@router.delete(
    "/datasets/{id_or_name}", response={204: None, **ERRORS}, operation_id="datasets_delete"
)
def datasets_delete(request: HttpRequest, id_or_name: str):  # type: ignore[no-untyped-def]
    """Delete a dataset (it keeps its history and its name)."""
    dataset = selectors.dataset_get(actor(request), id_or_name)
    services.dataset_delete(actor=actor(request), dataset=dataset)
    return Status(204, None)


@router.get(
    "/datasets/{id_or_name}/revisions",
    response={200: list[RevisionSummary], **ERRORS},
    operation_id="datasets_revisions",
)
def datasets_revisions(request: HttpRequest, id_or_name: str):  # type: ignore[no-untyped-def]
    """Every revision of a dataset, newest first."""
    dataset = selectors.dataset_get(actor(request), id_or_name)
    return (
        DatasetRevision.objects.filter(dataset=dataset)
        .order_by("-number")
        .only("number", "created_at", "actor_name", "action")
    )


@router.get(
    "/datasets/{id_or_name}/revisions/{number}",
    response={200: RevisionOut, **ERRORS},
    operation_id="datasets_revision",
)
def datasets_revision(request: HttpRequest, id_or_name: str, number: int):  # type: ignore[no-untyped-def]
    """The whole dataset as it was at one revision."""
    dataset = selectors.dataset_get(actor(request), id_or_name)
    revision = DatasetRevision.objects.filter(dataset=dataset, number=number).first()
    if revision is None:
        raise NotFound("No such revision", code="catalog.revision_not_found")
    return revision
