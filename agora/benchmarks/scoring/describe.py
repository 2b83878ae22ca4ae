"""A framework's methodology as plain data (for the API, CSV and the methodology page):
every formula, weight, cap, threshold, rule and claim of every edition, weights written as
exact fractions ("2/9") so nobody has to trust a rounded decimal."""

from __future__ import annotations

from dataclasses import asdict
from fractions import Fraction
from typing import Any

from .spec import Claim, Component, EditionSpec, FrameworkSpec, IndexSpec


def _weight(value: Fraction) -> str:
    return str(value)


def _claims(claims: tuple[Claim, ...]) -> list[dict[str, Any]]:
    return [
        {"about": c.about, "status": str(c.status), "sources": list(c.sources), "note": c.note}
        for c in claims
    ]


def _component(component: Component) -> dict[str, Any]:
    return {
        "code": component.code,
        "title": component.title,
        "weight": _weight(component.weight),
        "cap": component.cap,
        "direction": component.direction,
        "unit": component.unit,
        "valid_range": [component.valid_range[0], component.valid_range[1]],
    }


def index_description(spec: IndexSpec) -> dict[str, Any]:
    return {
        "code": spec.code,
        "title": spec.title,
        "method": str(spec.method),
        "normalisation": str(spec.normalisation),
        "formula": spec.formula,
        "recomputable": spec.recomputable,
        "components": [_component(c) for c in spec.components],
        "valid_range": [spec.valid_range[0], spec.valid_range[1]],
        "tolerance": spec.tolerance,
        "claims": _claims(spec.claims),
    }


def _classification(edition: EditionSpec) -> dict[str, Any] | None:
    c = edition.classification
    if c is None:
        return None
    groups = [
        {
            "code": g.code,
            "label": g.label,
            "above": None if g.above == float("-inf") else g.above,
            "classes": list(g.classes),
        }
        for g in c.groups
    ]
    return {
        "index": c.index,
        "rating_classes": c.rating_classes,
        "groups": groups,
        "claims": _claims(c.claims),
    }


def _rank(edition: EditionSpec) -> dict[str, Any] | None:
    r = edition.rank
    if r is None:
        return None
    return {"index": r.index, "rule": r.rule, "decimals": r.decimals, "claims": _claims(r.claims)}


def _checklist(edition: EditionSpec) -> dict[str, Any] | None:
    k = edition.checklist
    if k is None:
        return None
    return {
        "items": list(k.items),
        "open_when": list(k.open_when),
        "place_rule": k.place_rule,
        "max_points": k.max_points,
        "questions": [asdict(q) for q in k.questions],
        "claims": _claims(k.claims),
    }


def edition_description(edition: EditionSpec) -> dict[str, Any]:
    return {
        "framework": edition.framework,
        "edition": edition.code,
        "year": edition.year,
        "title": edition.title,
        "published": edition.published,
        "population": edition.population,
        "published_decimals": edition.published_decimals,
        "not_assessed": dict(edition.not_assessed),
        "indices": [index_description(i) for i in edition.indices],
        "raw_indicators": [_component(c) for c in edition.raw_indicators],
        "classification": _classification(edition),
        "rank": _rank(edition),
        "checklist": _checklist(edition),
        "dimensions": [asdict(d) for d in edition.dimensions],
        "levels": [asdict(level) for level in edition.levels],
        "claims": _claims(edition.claims),
        "sources": [asdict(s) for s in edition.sources],
        "notes": edition.notes,
    }


def framework_description(framework: FrameworkSpec) -> dict[str, Any]:
    return {
        "code": framework.code,
        "title": framework.title,
        "publisher": framework.publisher,
        "homepage": framework.homepage,
        "kind": framework.kind,
        "description": framework.description,
        "sources": [asdict(s) for s in framework.sources],
        "editions": [edition_description(e) for e in framework.editions],
    }
