"""Publishers: the list with their dataset counts, and one publisher's page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from agora.api.auth import request_actor
from agora.catalog.selectors import (
    dataset_counts_by_organization,
    organization_get,
    organizations_visible,
)

from ..i18n import localized
from .listing import datasets_with

PAGE_SIZE = 50


def organization_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    organizations = organizations_visible(actor).select_related("country").order_by("name")
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = dataset_counts_by_organization(actor, [o.id for o in page.object_list])
    rows = [
        {
            "name": o.name,
            "title": localized(o.title),
            "description": localized(o.description),
            "country": o.country,
            "publisher_type": o.publisher_type,
            "count": counts.get(o.id, 0),
        }
        for o in page.object_list
    ]
    return render(request, "web/organizations.html", {"page": page, "rows": rows})


def organization_detail(request: HttpRequest, name: str) -> HttpResponse:
    actor = request_actor(request)
    org = organization_get(actor, name)
    total, cards, search_link = datasets_with(actor, "organization", org.name)
    context = {
        "org": org,
        "title": localized(org.title),
        "description": localized(org.description),
        "total": total,
        "datasets": cards,
        "search_link": search_link,
    }
    return render(request, "web/organization.html", context)
