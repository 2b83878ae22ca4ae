"""Score one edition of an index-based framework (UN E-Government Survey, OURdata, ours).

Published values are never overwritten: a published value is what a country's score shows,
and Agora's recomputation sits beside it (with the difference) so the two can be compared.
An index is recomputed only when its method is fully known (no UNKNOWN claim) and the
edition's inputs are complete for every assessed country: z-scores and min-max bounds over a
partial set of countries would silently give different numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .normalise import composite, range_normalised
from .ranking import classify, competition_ranks
from .spec import EditionSpec, IndexSpec, Method, Normalisation, Status

Values = Mapping[str, Mapping[str, float]]  # country -> indicator or index code -> value


@dataclass(frozen=True)
class IndexValue:
    value: float
    source: str  # "published" or "computed"
    published: float | None = None
    computed: float | None = None

    @property
    def delta(self) -> float | None:
        if self.published is None or self.computed is None:
            return None
        return self.computed - self.published


@dataclass(frozen=True)
class CountryResult:
    country: str
    values: Mapping[str, IndexValue]
    rank: int | None = None
    group: str = ""
    rating_class: str = ""


@dataclass(frozen=True)
class Finding:
    """Something the run wants a reader to know (a mismatch, an input that was missing)."""

    index: str
    kind: str
    message: str
    countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class EditionResult:
    framework: str
    edition: str
    results: tuple[CountryResult, ...]
    findings: tuple[Finding, ...] = ()
    methods: Mapping[str, str] = field(default_factory=dict)

    def by_country(self) -> dict[str, CountryResult]:
        return {r.country: r for r in self.results}


def _complete_inputs(
    spec: IndexSpec, countries: list[str], raw: Values
) -> tuple[dict[str, dict[str, float]], list[str]]:
    codes = [c.code for c in spec.components]
    missing = [c for c in countries if not all(k in raw.get(c, {}) for k in codes)]
    inputs = {c: {k: float(raw[c][k]) for k in codes} for c in countries if c not in missing}
    return inputs, missing


def _unknown_note(spec: IndexSpec) -> str:
    notes = [c.note or c.about for c in spec.claims if c.status == Status.UNKNOWN]
    return "; ".join(notes) or "the method is not published"


def _from_raw(
    spec: IndexSpec, countries: list[str], raw: Values, findings: list[Finding]
) -> dict[str, float]:
    codes = {c.code for c in spec.components}
    if not any(codes & set(raw.get(c, {})) for c in countries):
        return {}
    if not spec.recomputable:
        findings.append(Finding(spec.code, "not_computed", _unknown_note(spec)))
        return {}
    inputs, missing = _complete_inputs(spec, countries, raw)
    if missing:
        findings.append(
            Finding(
                spec.code,
                "incomplete_inputs",
                "raw inputs are missing for some countries; published values are used",
                tuple(missing),
            )
        )
        return {}
    if spec.method == Method.RANGE:
        return range_normalised({c: v[spec.components[0].code] for c, v in inputs.items()})
    if spec.normalisation != Normalisation.ZSCORE_MINMAX:
        raise ValueError(f"{spec.code}: composite indices use zscore_minmax")
    return composite(inputs, spec.components)


def _mean(spec: IndexSpec, merged: Mapping[str, Mapping[str, IndexValue]]) -> dict[str, float]:
    total = float(sum(c.weight for c in spec.components))
    result = {}
    for country in set.intersection(*(set(merged.get(c.code, {})) for c in spec.components)):
        parts = [float(c.weight) * merged[c.code][country].value for c in spec.components]
        result[country] = sum(parts) / total
    return result


def _merge(
    spec: IndexSpec, countries: list[str], published: Values, computed: Mapping[str, float]
) -> dict[str, IndexValue]:
    merged = {}
    for country in countries:
        pub = published.get(country, {}).get(spec.code)
        comp = computed.get(country)
        if pub is not None:
            merged[country] = IndexValue(float(pub), "published", float(pub), comp)
        elif comp is not None:
            merged[country] = IndexValue(comp, "computed", None, comp)
    return merged


def _check_tolerance(spec: IndexSpec, merged: Mapping[str, IndexValue]) -> Finding | None:
    if spec.tolerance is None:
        return None
    off = sorted(
        c for c, v in merged.items() if v.delta is not None and abs(v.delta) > spec.tolerance
    )
    if not off:
        return None
    message = f"published value differs from the recomputed one by more than {spec.tolerance}"
    return Finding(spec.code, "mismatch", message, tuple(off))


def _method_label(spec: IndexSpec, computed: Mapping[str, float]) -> str:
    if spec.method == Method.MEAN:
        return "mean"
    return "computed from raw inputs" if computed else "published"


def score_edition(
    edition: EditionSpec, published: Values, raw: Values | None = None
) -> EditionResult:
    """Every index of the edition for every assessed country, then ranks, groups, classes."""
    raw = raw or {}
    countries = sorted((set(published) | set(raw)) - set(edition.not_assessed))
    merged: dict[str, dict[str, IndexValue]] = {}
    findings: list[Finding] = []
    methods: dict[str, str] = {}
    for spec in edition.indices:
        if spec.method == Method.MEAN:
            computed = _mean(spec, merged)
        elif spec.method == Method.PUBLISHED:
            computed = {}
        else:
            computed = _from_raw(spec, countries, raw, findings)
        merged[spec.code] = _merge(spec, countries, published, computed)
        methods[spec.code] = _method_label(spec, computed)
        finding = _check_tolerance(spec, merged[spec.code])
        if finding:
            findings.append(finding)
    return EditionResult(
        framework=edition.framework,
        edition=edition.code,
        results=_rank_and_classify(edition, countries, merged),
        findings=tuple(findings),
        methods=methods,
    )


def _rank_and_classify(
    edition: EditionSpec, countries: list[str], merged: Mapping[str, Mapping[str, IndexValue]]
) -> tuple[CountryResult, ...]:
    ranks: dict[str, int] = {}
    if edition.rank is not None:
        basis = {c: v.value for c, v in merged[edition.rank.index].items()}
        ranks = competition_ranks(basis, edition.rank.decimals)
    classes: dict[str, tuple[str, str]] = {}
    if edition.classification is not None:
        basis = {c: v.value for c, v in merged[edition.classification.index].items()}
        classes = classify(basis, edition.classification)
    results = []
    for country in countries:
        values = {code: per[country] for code, per in merged.items() if country in per}
        if not values:
            continue
        group, rating = classes.get(country, ("", ""))
        results.append(CountryResult(country, values, ranks.get(country), group, rating))
    return tuple(results)
