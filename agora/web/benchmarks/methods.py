"""Methodology pages: every framework's formulas, weights, rules and claims, drawn from the
edition definitions (the same data the scoring runs on and the API returns), never written by
hand per page. Statements whose published method is unknown are listed first."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from agora.benchmarks import selectors
from agora.benchmarks.errors import BenchmarkNotFound

from .labels import API, CLAIM_STATUSES, query


def methodology_index(request: HttpRequest) -> HttpResponse:
    frameworks = list(selectors.frameworks_list())
    return render(request, "web/benchmarks/methodology_index.html", {"frameworks": frameworks})


def _weighted_sum(index: dict[str, Any]) -> str:
    """The index as the weighted sum its components declare (e.g. "1/3 × adult_literacy")."""
    parts = [f"{c['weight']} × {c['code']}" for c in index["components"]]
    return " + ".join(parts)


def _claims(claims: list[dict[str, Any]], where: str) -> list[dict[str, Any]]:
    return [
        {**c, "where": where, "status_label": CLAIM_STATUSES.get(c["status"], c["status"])}
        for c in claims
    ]


def _unknowns(edition: dict[str, Any]) -> list[dict[str, Any]]:
    found = _claims(edition["claims"], edition["title"])
    for index in edition["indices"]:
        found += _claims(index["claims"], index["code"].upper())
    for part in ("classification", "rank", "checklist"):
        if edition.get(part):
            found += _claims(edition[part]["claims"], part)
    return [c for c in found if c["status"] == "unknown"]


def methodology_page(request: HttpRequest, code: str) -> HttpResponse:
    described = selectors.methodology(code)
    editions = described["editions"]
    wanted = request.GET.get("edition") or (editions[-1]["edition"] if editions else "")
    edition = next((e for e in editions if e["edition"] == wanted), None)
    if edition is None:
        raise BenchmarkNotFound("No such edition", code="benchmarks.edition_not_found")
    indices = [
        {
            **i,
            "weighted_sum": _weighted_sum(i) if i["components"] else "",
            "claim_list": _claims(i["claims"], i["code"].upper()),
        }
        for i in edition["indices"]
    ]
    context = {
        "framework": described,
        "editions": editions,
        "edition": edition,
        "indices": indices,
        "claims": _claims(edition["claims"], ""),
        "unknowns": _unknowns(edition),
        "classification": edition["classification"],
        "rank": edition["rank"],
        "checklist": edition["checklist"],
        "sources": described["sources"],
        "downloads": {
            "json": f"{API}/frameworks/{code}/methodology{query({'edition': wanted})}",
            "csv": f"{API}/frameworks/{code}/editions/{wanted}/indicators?format=csv",
            "indicators_json": f"{API}/frameworks/{code}/editions/{wanted}/indicators",
        },
    }
    return render(request, "web/benchmarks/methodology.html", context)
