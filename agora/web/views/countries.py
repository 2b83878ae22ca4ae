"""Countries: the list grouped by UN M49 region, and one country's publishers and datasets."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from agora.api.auth import request_actor
from agora.catalog.models import Country
from agora.catalog.selectors import dataset_counts_by_organization, organizations_visible

from .. import selectors
from ..i18n import country_name, localized, region_name
from .listing import datasets_with


@dataclass
class RegionGroup:
    code: str
    name: str
    countries: list[dict[str, object]] = field(default_factory=list)


def _entry(country: Country) -> dict[str, object]:
    return {
        "code": country.code,
        "name": country_name(country.alpha2, country.name),
        "count": getattr(country, "dataset_count", 0),
    }


def region_groups(countries: list[Country]) -> list[RegionGroup]:
    """Countries by M49 region (Africa, Americas, Asia, Europe, Oceania; others last)."""
    groups: dict[str, RegionGroup] = {}
    for country in countries:
        code = country.region_code or ""
        if code not in groups:
            groups[code] = RegionGroup(code, region_name(code, country.region_name or "—"))
        groups[code].countries.append(_entry(country))
    for group in groups.values():
        group.countries.sort(key=lambda c: str(c["name"]))
    return sorted(groups.values(), key=lambda g: (g.code == "", g.name))


def country_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    regions = region_groups(selectors.countries_with_datasets(actor))
    return render(request, "web/countries.html", {"regions": regions})


def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    actor = request_actor(request)
    country = Country.objects.filter(code=code.upper()).first()
    if country is None:
        raise Http404("No such country")
    total, cards, search_link = datasets_with(actor, "country", country.code)
    publishers = list(organizations_visible(actor).filter(country=country).order_by("name"))
    counts = dataset_counts_by_organization(actor, [o.id for o in publishers])
    context = {
        "country": country,
        "name": country_name(country.alpha2, country.name),
        "region": region_name(country.region_code, country.region_name),
        "subregion": region_name(country.subregion_code, country.subregion_name),
        "publishers": [
            {"name": o.name, "title": localized(o.title), "count": counts.get(o.id, 0)}
            for o in publishers
        ],
        "total": total,
        "datasets": cards,
        "search_link": search_link,
    }
    return render(request, "web/country.html", context)
