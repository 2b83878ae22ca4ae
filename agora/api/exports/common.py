"""What every export shares: the public view of the catalogue, batches, the site's own
description, and the one place where export errors become HTTP responses.

Exports are public documents (aggregators, crawlers, harvesters): they are always computed as
the anonymous actor, so private and draft datasets never appear, whoever asks.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.db.models import Max, Min, QuerySet
from django.http import HttpRequest, HttpResponse

from agora.api.errors import problem_for
from agora.catalog.models import Country, Dataset
from agora.catalog.selectors import dataset_records, datasets_visible_to
from agora.core.actor import ANONYMOUS
from agora.core.errors import AgoraError, BadRequest
from agora.interop.dcat import Site
from agora.interop.records import DatasetRecord, LicenceRecord
from agora.interop.vocabularies.licences import LICENCES

BATCH = 500


def public_datasets() -> QuerySet[Dataset]:
    """Active, public datasets: what anyone may see (the catalogue's one visibility rule)."""
    return datasets_visible_to(ANONYMOUS, include_drafts=False)


def maps_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Domain errors raised by an export become problem+json, as in the native API."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except AgoraError as error:
            return problem_for(error)

    return wrapper


def int_param(request: HttpRequest, name: str, default: int, *, low: int, high: int) -> int:
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(str(raw))
    except ValueError as error:
        raise BadRequest(f"{name} must be a whole number", code="exports.bad_parameter") from error
    if not low <= value <= high:
        raise BadRequest(f"{name} must be from {low} to {high}", code="exports.bad_parameter")
    return value


def record_batches(
    queryset: QuerySet[Dataset], batch: int = BATCH
) -> Iterator[list[DatasetRecord]]:
    """Records in id order, `batch` at a time, read by keyset (WHERE id > last): memory stays
    flat and each batch costs the same, however deep into a million rows it is."""
    last: uuid.UUID | None = None
    ordered = queryset.order_by("id")
    while True:
        page = ordered.filter(id__gt=last) if last is not None else ordered
        ids = list(page.values_list("id", flat=True)[:batch])
        if not ids:
            return
        yield dataset_records(ids)
        last = ids[-1]


def series_of(records: list[DatasetRecord]) -> dict[str, DatasetRecord]:
    """The visible series that these records are part of (one query plus hydration)."""
    wanted = {r.in_series for r in records if r.in_series} - {r.id for r in records}
    found = {r.id: r for r in records if r.is_series}
    if wanted:
        visible = (
            public_datasets().filter(id__in=wanted, is_series=True).values_list("id", flat=True)
        )
        found.update({r.id: r for r in dataset_records(list(visible))})
    return found


def site_description(queryset: QuerySet[Dataset] | None = None, *, countries: bool = False) -> Site:
    licence_id = settings.AGORA_INTEROP_CATALOGUE_LICENCE
    facts = LICENCES.get(licence_id)
    licence = LicenceRecord(facts.id, facts.title, facts.url, facts.is_open) if facts else None
    span = (queryset if queryset is not None else public_datasets()).aggregate(
        issued=Min("created_at"), modified=Max("updated_at")
    )
    return Site(
        url=settings.AGORA_SITE_URL,
        title=settings.AGORA_SITE_TITLE,
        description=settings.AGORA_SITE_DESCRIPTION,
        licence=licence,
        issued=span["issued"],
        modified=span["modified"],
        countries=tuple(covered_countries()) if countries else (),
    )


def covered_countries() -> list[str]:
    """Countries the public datasets cover: the catalogue's own spatial coverage."""
    visible = public_datasets().values("id")
    return sorted(
        Country.objects.filter(datasets__in=visible).values_list("code", flat=True).distinct()
    )
