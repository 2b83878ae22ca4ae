"""Themes (the EU data themes): the list with counts, and one theme's datasets."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from agora.api.auth import request_actor
from agora.catalog.models import Theme
from agora.search.query import SearchQuery
from agora.search.selectors import search

from .listing import datasets_with


def theme_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    result = search(actor=actor, query=SearchQuery(facets=("theme",), limit=0, facet_limit=-1))
    counts = {f.value: f.count for f in result.facets.get("theme", [])}
    themes = [(code, counts.get(code, 0)) for code in Theme.objects.values_list("code", flat=True)]
    return render(request, "web/themes.html", {"themes": themes})


def theme_detail(request: HttpRequest, code: str) -> HttpResponse:
    actor = request_actor(request)
    theme = Theme.objects.filter(code=code.upper()).first()
    if theme is None:
        raise Http404("No such theme")
    total, cards, search_link = datasets_with(actor, "theme", theme.code)
    context = {"theme": theme, "total": total, "datasets": cards, "search_link": search_link}
    return render(request, "web/theme.html", context)
