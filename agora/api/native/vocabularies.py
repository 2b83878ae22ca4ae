"""/api/v1 countries, themes and licences (the catalogue's vocabularies)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from agora.catalog.models import Country, Licence, Theme
from agora.catalog.selectors import datasets_visible_to
from agora.core.errors import NotFound

from .schemas import CountryOut, LicenceOut, Problem, ThemeOut
from .security import actor

router = Router(tags=["vocabularies"])


class CountryFilters(Schema):
    region: str | None = Field(None, description="UN M49 region code, e.g. 002 (Africa)")
    subregion: str | None = Field(None, description="UN M49 sub-region code")
    un_status: str | None = Field(None, description="member, observer or other")
    with_datasets: bool = Field(False, description="Only countries that have datasets")


def _with_counts(request: HttpRequest, queryset):  # type: ignore[no-untyped-def]
    visible = datasets_visible_to(actor(request), include_drafts=False).values("id")
    return queryset.annotate(
        dataset_count=Count("datasets", filter=Q(datasets__in=visible), distinct=True)
    )


@router.get("/countries", response=list[CountryOut], operation_id="countries_list")
def countries_list(request: HttpRequest, filters: Query[CountryFilters]):  # type: ignore[no-untyped-def]
    """ISO 3166-1 countries and areas with their UN M49 regions and dataset counts."""
    queryset = Country.objects.all()
    if filters.region:
        queryset = queryset.filter(region_code=filters.region)
    if filters.subregion:
        queryset = queryset.filter(subregion_code=filters.subregion)
    if filters.un_status:
        queryset = queryset.filter(un_status=filters.un_status)
    queryset = _with_counts(request, queryset).order_by("name")
    if filters.with_datasets:
        queryset = queryset.filter(dataset_count__gt=0)
    return queryset


@router.get(
    "/countries/{code}", response={200: CountryOut, 404: Problem}, operation_id="countries_read"
)
def countries_read(request: HttpRequest, code: str):  # type: ignore[no-untyped-def]
    country = _with_counts(request, Country.objects.filter(code=code.upper())).first()
    if country is None:
        raise NotFound("Country not found", code="catalog.country_not_found")
    return country


@router.get("/themes", response=list[ThemeOut], operation_id="themes_list")
def themes_list(request: HttpRequest):  # type: ignore[no-untyped-def]
    """The EU data themes datasets are classified by."""
    return Theme.objects.order_by("code")


@router.get("/licences", response=list[LicenceOut], operation_id="licences_list")
def licences_list(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Licences datasets may use; `is_open` follows the Open Definition."""
    return Licence.objects.order_by("title")
