"""Atom feeds of new and changed public datasets: site-wide, per organization, per country,
and for any search (the same query parameters as the search page)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from agora.catalog.models import Dataset
from agora.catalog.selectors import dataset_records, organization_get
from agora.core.actor import ANONYMOUS
from agora.core.errors import NotFound
from agora.core.i18n import pick
from agora.interop.records import DatasetRecord
from agora.interop.vocabularies.countries import country_code_from, country_name
from agora.search.query import Filter, SearchQuery, Sort
from agora.search.selectors import search
from agora.search.syntax import parse_query

from ..common import int_param, maps_errors, public_datasets

SEARCH_FILTERS = (
    "organization",
    "tags",
    "theme",
    "country",
    "language",
    "res_format",
    "license_id",
)


def _feed(request: HttpRequest, title: str, records: list[DatasetRecord]) -> HttpResponse:
    site = settings.AGORA_SITE_URL
    feed = Atom1Feed(
        title=f"{settings.AGORA_SITE_TITLE}: {title}",
        link=f"{site}/",
        description=settings.AGORA_SITE_DESCRIPTION,
        feed_url=site + request.get_full_path(),
        feed_guid=site + request.path,
    )
    for record in records:
        organization = pick(record.organization.title)[0] or record.organization.name
        feed.add_item(
            title=pick(record.title)[0] or record.name,
            link=record.page_url,
            description=pick(record.description)[0][:2000],
            unique_id=f"{site}/dataset/{record.id}",
            updateddate=record.metadata_modified,
            pubdate=record.metadata_created,
            author_name=organization,
            categories=list(record.tags),
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def _newest(queryset: QuerySet[Dataset], request: HttpRequest) -> list[DatasetRecord]:
    size = int_param(request, "rows", settings.AGORA_INTEROP_FEED_SIZE, low=1, high=500)
    ids = list(queryset.order_by("-updated_at", "id").values_list("id", flat=True)[:size])
    return dataset_records(ids)


@require_GET
@maps_errors
def site_feed(request: HttpRequest) -> HttpResponse:
    return _feed(request, "new and changed datasets", _newest(public_datasets(), request))


@require_GET
@maps_errors
def organization_feed(request: HttpRequest, name: str) -> HttpResponse:
    org = organization_get(ANONYMOUS, name)
    records = _newest(public_datasets().filter(organization=org), request)
    return _feed(request, pick(org.title)[0] or org.name, records)


@require_GET
@maps_errors
def country_feed(request: HttpRequest, code: str) -> HttpResponse:
    alpha_3 = country_code_from(code)
    if alpha_3 is None:
        raise NotFound("Country not found", code="catalog.country_not_found")
    records = _newest(public_datasets().filter(countries__code=alpha_3).distinct(), request)
    return _feed(request, country_name(alpha_3), records)


@require_GET
@maps_errors
def search_feed(request: HttpRequest) -> HttpResponse:
    """Any search as a feed: `q` (search syntax) and filters named as on the search page."""
    size = int_param(request, "rows", settings.AGORA_INTEROP_FEED_SIZE, low=1, high=500)
    filters = tuple(
        Filter(field=name, values=tuple(request.GET.getlist(name)))
        for name in SEARCH_FILTERS
        if request.GET.getlist(name)
    )
    query = SearchQuery(
        text=parse_query(request.GET.get("q", "")),
        filters=filters,
        sort=(Sort("metadata_modified", descending=True),),
        limit=size,
    )
    result = search(actor=ANONYMOUS, query=query)
    title = f"search {request.GET.get('q', '')}".strip()
    return _feed(request, title, dataset_records(result.ids))
