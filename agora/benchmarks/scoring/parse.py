"""Validate a framework definition (a dict read from TOML) into the frozen types of `spec`.

Errors name the path of the offending entry, so a mistake in a definition file is found when
the file is loaded (at start-up and by the tests), never half-way through a scoring run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from .spec import (
    Checklist,
    Claim,
    Classification,
    Component,
    Dimension,
    EditionSpec,
    FrameworkSpec,
    Group,
    IndexSpec,
    Level,
    Method,
    Normalisation,
    Question,
    RankRule,
    Source,
    Status,
)


class DefinitionError(ValueError):
    """A framework definition is malformed; the message names where."""


Data = Mapping[str, Any]


def _get(data: Data, key: str, where: str, kind: type | tuple[type, ...] = str) -> Any:
    if key not in data:
        raise DefinitionError(f"{where}: '{key}' is required")
    value = data[key]
    if not isinstance(value, kind):
        raise DefinitionError(f"{where}.{key}: expected {kind}, got {type(value).__name__}")
    return value


def weight(value: object, where: str) -> Fraction:
    """Weights are exact: "1/3", "3.5/10", "0.35" or a number."""
    try:
        if isinstance(value, str) and "/" in value:
            top, bottom = value.split("/", 1)
            result = Fraction(top.strip()) / Fraction(bottom.strip())
        elif isinstance(value, int | float | str) and not isinstance(value, bool):
            result = Fraction(str(value))
        else:
            raise ValueError(value)
    except (ValueError, ZeroDivisionError) as error:
        raise DefinitionError(f"{where}: {value!r} is not a weight") from error
    if result < 0:
        raise DefinitionError(f"{where}: a weight cannot be negative")
    return result


def _range(value: object, where: str) -> tuple[float | None, float | None]:
    if value is None:
        return (None, None)
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
        raise DefinitionError(f"{where}: a range is [low, high]")
    low, high = (None if v in ("", None) else float(v) for v in value)
    return (low, high)


def _claims(items: object, where: str) -> tuple[Claim, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise DefinitionError(f"{where}: claims must be a list")
    claims = []
    for n, item in enumerate(items):
        at = f"{where}[{n}]"
        status = _get(item, "status", at)
        if status not in Status.__members__.values():
            raise DefinitionError(f"{at}.status: {status!r} is not one of {list(Status)}")
        claims.append(
            Claim(
                about=_get(item, "about", at),
                status=Status(status),
                sources=tuple(item.get("sources", ())),
                note=str(item.get("note", "")).strip(),
            )
        )
    return tuple(claims)


def _component(data: Data, where: str) -> Component:
    direction = int(data.get("direction", 1))
    if direction not in (1, -1):
        raise DefinitionError(f"{where}.direction: 1 or -1")
    cap = data.get("cap")
    return Component(
        code=_get(data, "code", where),
        title=str(data.get("title", "")),
        weight=weight(data.get("weight", 1), f"{where}.weight"),
        cap=None if cap is None else float(cap),
        direction=direction,
        unit=str(data.get("unit", "")),
        valid_range=_range(data.get("valid_range"), f"{where}.valid_range"),
    )


def _index(data: Data, where: str) -> IndexSpec:
    method = _get(data, "method", where)
    if method not in Method.__members__.values():
        raise DefinitionError(f"{where}.method: {method!r} is not one of {list(Method)}")
    normalisation = data.get("normalisation", "none")
    if normalisation not in Normalisation.__members__.values():
        raise DefinitionError(f"{where}.normalisation: {normalisation!r} is unknown")
    components = tuple(
        _component(c, f"{where}.components[{n}]") for n, c in enumerate(data.get("components", ()))
    )
    if method in (Method.MEAN, Method.COMPOSITE, Method.RANGE) and not components:
        raise DefinitionError(f"{where}: method {method} needs components")
    tolerance = data.get("tolerance")
    decimals = data.get("decimals")
    return IndexSpec(
        code=_get(data, "code", where),
        title=_get(data, "title", where),
        method=Method(method),
        components=components,
        normalisation=Normalisation(normalisation),
        valid_range=_range(data.get("valid_range"), f"{where}.valid_range"),
        decimals=None if decimals is None else int(decimals),
        tolerance=None if tolerance is None else float(tolerance),
        claims=_claims(data.get("claims"), f"{where}.claims"),
        formula=str(data.get("formula", "")).strip(),
    )


def _classification(data: Data | None, where: str) -> Classification | None:
    if data is None:
        return None
    groups = []
    for n, item in enumerate(_get(data, "groups", where, list)):
        at = f"{where}.groups[{n}]"
        above = item.get("above")
        groups.append(
            Group(
                code=_get(item, "code", at),
                label=_get(item, "label", at),
                above=float("-inf") if above is None else float(above),
                classes=tuple(item.get("classes", ())),
            )
        )
    if [g.above for g in groups] != sorted((g.above for g in groups), reverse=True):
        raise DefinitionError(f"{where}.groups: list the highest group first")
    rating = bool(data.get("rating_classes", False))
    if rating and any(len(g.classes) != 4 for g in groups):
        raise DefinitionError(f"{where}: rating classes need four labels per group")
    return Classification(
        index=_get(data, "index", where),
        groups=tuple(groups),
        rating_classes=rating,
        claims=_claims(data.get("claims"), f"{where}.claims"),
    )


def _rank(data: Data | None, where: str) -> RankRule | None:
    if data is None:
        return None
    rule = str(data.get("rule", "competition"))
    if rule != "competition":
        raise DefinitionError(f"{where}.rule: only 'competition' ranking is implemented")
    decimals = data.get("decimals")
    return RankRule(
        index=_get(data, "index", where),
        rule=rule,
        decimals=None if decimals is None else int(decimals),
        claims=_claims(data.get("claims"), f"{where}.claims"),
    )


def _checklist(data: Data | None, where: str) -> Checklist | None:
    if data is None:
        return None
    questions = []
    for n, item in enumerate(_get(data, "questions", where, list)):
        at = f"{where}.questions[{n}]"
        questions.append(
            Question(
                code=_get(item, "code", at),
                title=_get(item, "title", at),
                points=int(item.get("points", 0)),
                requires=tuple(item.get("requires", ())),
                penalty_if_no=int(item.get("penalty_if_no", 0)),
                scored=bool(item.get("scored", True)),
            )
        )
    codes = {q.code for q in questions}
    for q in questions:
        if not set(q.requires) <= codes:
            raise DefinitionError(f"{where}: {q.code} requires an unknown question")
    return Checklist(
        questions=tuple(questions),
        open_when=tuple(data.get("open_when", ())),
        items=tuple(data.get("items", ())),
        place_rule=str(data.get("place_rule", "")),
        claims=_claims(data.get("claims"), f"{where}.claims"),
    )


def _dimensions(items: Sequence[Data], where: str) -> tuple[Dimension, ...]:
    dimensions = []
    for n, item in enumerate(items):
        at = f"{where}[{n}]"
        indicators = tuple(
            (str(i["title"]), int(i["max_points"])) for i in item.get("indicators", ())
        )
        dimension = Dimension(
            code=_get(item, "code", at),
            title=_get(item, "title", at),
            max_points=_get(item, "max_points", at, int),
            indicators=indicators,
        )
        if indicators and sum(p for _, p in indicators) != dimension.max_points:
            raise DefinitionError(f"{at}: indicator maxima do not add up to max_points")
        dimensions.append(dimension)
    return tuple(dimensions)


def _levels(items: Sequence[Data], where: str) -> tuple[Level, ...]:
    return tuple(
        Level(
            rank=_get(item, "rank", f"{where}[{n}]", int),
            title=_get(item, "title", f"{where}[{n}]"),
            requirement=_get(item, "requirement", f"{where}[{n}]"),
            examples=tuple(item.get("examples", ())),
        )
        for n, item in enumerate(items)
    )


def sources(items: Sequence[Data], where: str) -> tuple[Source, ...]:
    return tuple(
        Source(
            id=_get(item, "id", f"{where}[{n}]"),
            title=_get(item, "title", f"{where}[{n}]"),
            url=str(item.get("url", "")),
            note=str(item.get("note", "")).strip(),
        )
        for n, item in enumerate(items)
    )


def edition(framework: str, data: Data, where: str) -> EditionSpec:
    """One edition; its indices' MEAN components must name indices listed before them."""
    indices = tuple(
        _index(item, f"{where}.indices[{n}]") for n, item in enumerate(data.get("indices", ()))
    )
    seen: set[str] = set()
    for spec in indices:
        if spec.method == Method.MEAN and not {c.code for c in spec.components} <= seen:
            raise DefinitionError(f"{where}: {spec.code} averages indices not listed before it")
        seen.add(spec.code)
    parsed = EditionSpec(
        framework=framework,
        code=str(_get(data, "edition", where, (str, int))),
        year=_get(data, "year", where, int),
        title=_get(data, "title", where),
        published=str(data.get("published", "")),
        population=str(data.get("population", "")),
        published_decimals=data.get("published_decimals"),
        not_assessed=dict(data.get("not_assessed", {})),
        indices=indices,
        classification=_classification(data.get("classification"), f"{where}.classification"),
        rank=_rank(data.get("rank"), f"{where}.rank"),
        checklist=_checklist(data.get("checklist"), f"{where}.checklist"),
        dimensions=_dimensions(data.get("dimensions", ()), f"{where}.dimensions"),
        levels=_levels(data.get("levels", ()), f"{where}.levels"),
        claims=_claims(data.get("claims"), f"{where}.claims"),
        sources=sources(data.get("sources", ()), f"{where}.sources"),
        notes=str(data.get("notes", "")).strip(),
    )
    for ref in (parsed.classification, parsed.rank):
        if ref is not None and ref.index not in seen:
            raise DefinitionError(f"{where}: {ref.index!r} is not an index of this edition")
    return parsed


def framework(data: Data, editions: Sequence[Data], where: str) -> FrameworkSpec:
    code = _get(data, "code", where)
    parsed = tuple(
        edition(code, item, f"{where}.editions[{item.get('edition', n)}]")
        for n, item in enumerate(editions)
    )
    codes = [e.code for e in parsed]
    if len(codes) != len(set(codes)):
        raise DefinitionError(f"{where}: two editions share a code")
    return FrameworkSpec(
        code=code,
        title=_get(data, "title", where),
        publisher=_get(data, "publisher", where),
        homepage=str(data.get("homepage", "")),
        kind=_get(data, "kind", where),
        description=str(data.get("description", "")).strip(),
        editions=tuple(sorted(parsed, key=lambda e: (e.year, e.code))),
        sources=sources(data.get("sources", ()), f"{where}.sources"),
    )
