"""/api/v1 distributions: links and uploaded files of a dataset."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from agora.catalog import selectors, services
from agora.catalog.models import Distribution
from agora.catalog.records import distribution_record
from agora.interop.records import DistributionDraft

from ..request_body import check_body_size
from .convert import distribution_draft
from .schemas import DistributionIn, DistributionOut, DistributionPatch, Problem
from .security import actor

router = Router(tags=["distributions"])
ERRORS = {400: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, 422: Problem}
UPLOAD_NOTE = (
    f"Files up to {settings.AGORA_CATALOG_UPLOAD_MAX_BYTES} bytes (AGORA_CATALOG_UPLOAD_MAX_BYTES);"
    " larger ones are refused with 413 while they stream in."
)


class OrderIn(Schema):
    order: list[str]


def _out(dist: Distribution) -> object:
    return distribution_record(Distribution.objects.get(pk=dist.pk))


@router.get(
    "/datasets/{id_or_name}/distributions",
    response={200: list[DistributionOut], **ERRORS},
    operation_id="distributions_list",
)
def distributions_list(request: HttpRequest, id_or_name: str):  # type: ignore[no-untyped-def]
    """A dataset's distributions, in order."""
    return list(selectors.dataset_record_for(actor(request), id_or_name).distributions)


@router.post(
    "/datasets/{id_or_name}/distributions",
    response={201: DistributionOut, **ERRORS},
    operation_id="distributions_create",
)
def distributions_create(request: HttpRequest, id_or_name: str, payload: DistributionIn):  # type: ignore[no-untyped-def]
    """Add a distribution that links to a file or service."""
    dataset = selectors.dataset_get(actor(request), id_or_name)
    dist = services.distribution_create(
        actor=actor(request), dataset=dataset, draft=distribution_draft(payload)
    )
    return Status(201, _out(dist))


@router.post(
    "/datasets/{id_or_name}/distributions/upload",
    response={201: DistributionOut, **ERRORS},
    operation_id="distributions_upload",
    description="Upload a file as a new distribution (multipart/form-data). " + UPLOAD_NOTE,
)
def distributions_upload(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    id_or_name: str,
    file: File[UploadedFile],
    title: Form[str] = "",
    description: Form[str] = "",
    format: Form[str] = "",
):
    check_body_size(request)
    dataset = selectors.dataset_get(actor(request), id_or_name)
    draft = DistributionDraft(
        title=title or file.name or "", description=description, format=format
    )
    dist = services.distribution_create(
        actor=actor(request), dataset=dataset, draft=draft, upload=file
    )
    return Status(201, _out(dist))


@router.post(
    "/datasets/{id_or_name}/distributions/order",
    response={200: list[DistributionOut], **ERRORS},
    operation_id="distributions_reorder",
)
def distributions_reorder(request: HttpRequest, id_or_name: str, payload: OrderIn):  # type: ignore[no-untyped-def]
    """Put the listed distributions first, in that order."""
    dataset = selectors.dataset_get(actor(request), id_or_name)
    services.distributions_reorder(actor=actor(request), dataset=dataset, order=payload.order)
    return list(selectors.dataset_record_for(actor(request), str(dataset.id)).distributions)


@router.get(
    "/distributions/{distribution_id}",
    response={200: DistributionOut, **ERRORS},
    operation_id="distributions_read",
)
def distributions_read(request: HttpRequest, distribution_id: str):  # type: ignore[no-untyped-def]
    return distribution_record(selectors.distribution_get(actor(request), distribution_id))


@router.put(
    "/distributions/{distribution_id}",
    response={200: DistributionOut, **ERRORS},
    operation_id="distributions_replace",
)
def distributions_replace(request: HttpRequest, distribution_id: str, payload: DistributionIn):  # type: ignore[no-untyped-def]
    dist = selectors.distribution_get(actor(request), distribution_id)
    updated = services.distribution_update(
        actor=actor(request), distribution=dist, draft=distribution_draft(payload)
    )
    return _out(updated)


@router.patch(
    "/distributions/{distribution_id}",
    response={200: DistributionOut, **ERRORS},
    operation_id="distributions_patch",
)
def distributions_patch(request: HttpRequest, distribution_id: str, payload: DistributionPatch):  # type: ignore[no-untyped-def]
    dist = selectors.distribution_get(actor(request), distribution_id)
    record = distribution_record(dist)
    current = DistributionIn(
        title=record.title,
        description=record.description,
        url=record.url,
        format=record.format,
        media_type=record.media_type,
        byte_size=record.byte_size,
        checksum_sha256=record.checksum_sha256,
    )
    merged = DistributionIn(**{**current.model_dump(), **payload.model_dump(exclude_unset=True)})
    updated = services.distribution_update(
        actor=actor(request), distribution=dist, draft=distribution_draft(merged)
    )
    return _out(updated)


@router.put(
    "/distributions/{distribution_id}/file",
    response={200: DistributionOut, **ERRORS},
    operation_id="distributions_replace_file",
    description="Replace the distribution's file (multipart/form-data). " + UPLOAD_NOTE,
)
def distributions_replace_file(  # type: ignore[no-untyped-def]
    request: HttpRequest, distribution_id: str, file: File[UploadedFile]
):
    check_body_size(request)
    dist = selectors.distribution_get(actor(request), distribution_id)
    record = distribution_record(dist)
    draft = DistributionDraft(title=record.title, description=record.description)
    updated = services.distribution_update(
        actor=actor(request), distribution=dist, draft=draft, upload=file
    )
    return _out(updated)


@router.delete(
    "/distributions/{distribution_id}",
    response={204: None, **ERRORS},
    operation_id="distributions_delete",
)
def distributions_delete(request: HttpRequest, distribution_id: str):  # type: ignore[no-untyped-def]
    dist = selectors.distribution_get(actor(request), distribution_id)
    services.distribution_delete(actor=actor(request), distribution=dist)
    return Status(204, None)
