"""The front page: search, headline counts, themes, newest and most used datasets, countries."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from agora.api.auth import request_actor
from agora.catalog.models import Theme
from agora.search.query import SearchQuery
from agora.search.selectors import search

from .. import selectors
from .cards import cards_for
from .countries import region_groups


def home(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    themes = search(actor=actor, query=SearchQuery(facets=("theme",), limit=0, facet_limit=-1))
    theme_counts = {f.value: f.count for f in themes.facets.get("theme", [])}
    context = {
        "counts": selectors.headline_counts(actor),
        "themes": [
            (code, theme_counts.get(code, 0))
            for code in Theme.objects.values_list("code", flat=True)
        ],
        "newest": cards_for(selectors.newest_datasets(actor)),
        "most_used": cards_for(selectors.most_used_dataset_ids(actor)),
        "regions": region_groups(selectors.countries_with_datasets(actor)),
    }
    return render(request, "web/home.html", context)
