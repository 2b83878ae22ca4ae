"""What every export shares: the public view of the catalogue, batches, the site's own
description, and the one place where export errors become HTTP responses.

Exports are public documents (aggregators, crawlers, harvesters): they are always computed as
the anonymous actor, so private and draft datasets never appear, whoever asks.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Max, Min, QuerySet
from django.http import HttpRequest, HttpResponse

from agora.api.errors import problem_for
from agora.catalog.models import Country, Dataset
from agora.catalog.selectors import datasets_visible_to
from agora.core.actor import ANONYMOUS
from agora.core.errors import AgoraError, BadRequest
from agora.interop.datajson_out import DCAT_US_EMAIL
from agora.interop.dcat import Site
from agora.interop.records import DatasetRecord, LicenceRecord
from agora.interop.vocabularies.licences import LICENCES

from .records import RecordReader

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
    queryset: QuerySet[Dataset], batch: int = BATCH, reader: RecordReader | None = None
) -> Iterator[list[DatasetRecord]]:
    """Records in id order, `batch` at a time, read by keyset (WHERE id > last): memory stays
    flat and each batch costs the same, however deep into a million rows it is."""
    return (reader or RecordReader()).batches(queryset, batch)


def visible_series_ids(records: list[DatasetRecord]) -> set[str]:
    """Ids of the series these records are part of that the public may see (one query)."""
    wanted = {r.in_series for r in records if r.in_series}
    if not wanted:
        return set()
    found = {r.id for r in records if r.is_series and r.id in wanted}
    rest = wanted - found
    if rest:
        visible = public_datasets().filter(id__in=rest, is_series=True)
        found |= {str(i) for i in visible.values_list("id", flat=True)}
    return found


def series_of(
    records: list[DatasetRecord], reader: RecordReader | None = None
) -> dict[str, DatasetRecord]:
    """The visible series that these records are part of (one query plus hydration)."""
    wanted = {r.in_series for r in records if r.in_series} - {r.id for r in records}
    found = {r.id: r for r in records if r.is_series}
    if wanted:
        visible = (
            public_datasets().filter(id__in=wanted, is_series=True).values_list("id", flat=True)
        )
        found.update({r.id: r for r in (reader or RecordReader()).records(list(visible))})
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


def portal_contact_email() -> str:
    """The address /data.json gives for datasets whose contact point and publisher have none
    (DCAT-US requires an e-mail for every dataset): AGORA_INTEROP_CONTACT_EMAIL when set;
    else the portal's own sender address, DEFAULT_FROM_EMAIL, when DCAT-US accepts it; else
    `opendata@` the host of AGORA_SITE_URL, the portal's public name. Empty only when none
    of these makes an address DCAT-US accepts (a site served as "localhost")."""
    host = urlsplit(settings.AGORA_SITE_URL).hostname or ""
    candidates = (
        settings.AGORA_INTEROP_CONTACT_EMAIL.strip(),
        parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
        f"opendata@{host}",
    )
    return next((e for e in candidates if e and DCAT_US_EMAIL.match(e)), "")


def covered_countries() -> list[str]:
    """Countries the public datasets cover: the catalogue's own spatial coverage."""
    visible = public_datasets().values("id")
    return sorted(
        Country.objects.filter(datasets__in=visible).values_list("code", flat=True).distinct()
    )
