"""The search page: full text, facets, filter chips, sort and pages, all held in the URL.

Built on `agora.search.selectors.search` (the one search entry point, whose engine is being
replaced behind it), so the page sees exactly what the APIs see. htmx requests get only the
part of the page that changes; without JavaScript the same URLs render the whole page.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from agora.api.auth import request_actor
from agora.catalog.models import Country
from agora.search import registry
from agora.search.query import FacetCount, SearchResult
from agora.search.selectors import search

from ..i18n import country_name, current_language, language_name
from ..search_state import FACETS, MAX_PAGE, SORTS, SearchState, text_node
from ..snippets import query_words
from ..templatetags.agora_web import theme_label
from .cards import cards_for

FACET_SHOWN = 8


def facet_labels(field: str, values: list[str]) -> dict[str, str]:
    """Display names for facet values in the page's language (one query per field at most)."""
    if not values:
        return {}
    if field == "theme":
        return {v: theme_label(v) for v in values}
    if field == "language":
        return {v: language_name(v) for v in values}
    if field == "country":
        rows = Country.objects.filter(code__in=values).values_list("code", "alpha2", "name")
        return {code: country_name(alpha2, name) for code, alpha2, name in rows}
    if field in ("organization", "license_id"):
        return registry.get("dataset").facet_labels(field, values, current_language())
    return {v: v for v in values}


def _facet(state: SearchState, field: str, label: object, counts: Iterable[FacetCount]):  # type: ignore[no-untyped-def]
    counts = list(counts)
    selected = [v for v in state.filters.get(field, ()) if v not in {c.value for c in counts}]
    names = facet_labels(field, [c.value for c in counts] + selected)
    items = [
        {
            "value": c.value,
            "label": names.get(c.value, c.value),
            "count": c.count,
            "selected": state.is_selected(field, c.value),
            "url": state.toggled(field, c.value).url(),
        }
        for c in counts
    ] + [
        {
            "value": v,
            "label": names.get(v, v),
            "count": 0,
            "selected": True,
            "url": state.toggled(field, v).url(),
        }
        for v in selected
    ]
    items.sort(key=lambda i: (not i["selected"], -int(i["count"])))
    return {"field": field, "label": label, "items": items, "shown": FACET_SHOWN}


def _chips(state: SearchState, facets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    chips = []
    if state.q:
        chips.append({"facet": "", "label": state.q, "url": state.without_text().url()})
    for facet in facets:
        for item in facet["items"]:
            if item["selected"]:
                chips.append({"facet": facet["label"], "label": item["label"], "url": item["url"]})
    return chips


def _pages(state: SearchState, total: int, size: int) -> dict[str, Any]:
    last = min(max(math.ceil(total / size), 1), MAX_PAGE)
    current = min(state.page, last)
    window = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    return {
        "current": current,
        "last": last,
        "pages": [{"number": n, "url": state.on_page(n).url()} for n in window],
        "previous": state.on_page(current - 1).url() if current > 1 else "",
        "next": state.on_page(current + 1).url() if current < last else "",
    }


def _context(state: SearchState, result: SearchResult, size: int) -> dict[str, Any]:
    words = query_words(text_node(state.q)) if state.q else []
    facets = [_facet(state, f, label, result.facets.get(f, [])) for f, label in FACETS]
    return {
        "state": state,
        "result": result,
        "cards": cards_for(result.ids, words, engine=result),
        "facets": facets,
        "chips": _chips(state, facets),
        "pagination": _pages(state, result.total, size),
        "sorts": [(key, label) for key, (label, _sort) in SORTS.items()],
        "sort": state.effective_sort,
        "first": (state.page - 1) * size + 1,
        "suggestions": getattr(result, "suggestions", None) or [],
    }


def _search_language() -> str:
    """The UI language as the search engine names languages ("zh-hans" is "zh")."""
    return (get_language() or "en").split("-")[0]


def search_page(request: HttpRequest) -> HttpResponse:
    state = SearchState.from_params(request.GET)
    size = settings.AGORA_WEB_SEARCH_PAGE_SIZE
    result = search(
        actor=request_actor(request),
        query=state.to_query(page_size=size, language=_search_language()),
    )
    partial = bool(getattr(request, "htmx", False))
    template = "web/search_area.html" if partial else "web/search.html"
    response = render(request, template, _context(state, result, size))
    patch_vary_headers(response, ("HX-Request", "Cookie"))
    return response
