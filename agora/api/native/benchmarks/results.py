"""Benchmark results: frameworks, editions, methodology, scores, country series, comparisons
and the portal's own indicators (all public)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from agora.benchmarks import selectors
from agora.benchmarks.records import ScoreRow, flat_columns

from ..security import actor
from .common import ERRORS, FormatQuery, csv_response, table

router = Router(tags=["benchmarks"])


# --- Frameworks, editions, methodology -------------------------------------------------------


class FrameworkOut(Schema):
    code: str
    title: str
    publisher: str
    homepage: str
    kind: str
    description: str
    edition_count: int
    sha256: str


class EditionOut(Schema):
    framework: str
    edition: str
    year: int
    title: str
    sha256: str


def _framework(f: Any) -> dict[str, Any]:
    fields = ("code", "title", "publisher", "homepage", "kind", "description", "sha256")
    return {**{k: getattr(f, k) for k in fields}, "edition_count": f.edition_count}


def _edition(e: Any) -> dict[str, Any]:
    return {"framework": e.framework_id, "edition": e.code, "year": e.year, "title": e.title,
            "sha256": e.sha256}  # fmt: skip


@router.get(
    "/benchmarks/frameworks",
    response={200: list[FrameworkOut], **ERRORS},
    operation_id="benchmarks_frameworks",
)
def frameworks(request: HttpRequest, query: Query[FormatQuery]):  # type: ignore[no-untyped-def]
    """Benchmark frameworks (UN E-Government Survey, ODB, GODI, OURdata, ODM, five stars,
    Agora's readiness framework). Add `format=csv` for CSV."""
    rows = [_framework(f) for f in selectors.frameworks_list()]
    return table(query.format, rows, "benchmark-frameworks")


@router.get(
    "/benchmarks/frameworks/{code}/editions",
    response={200: list[EditionOut], **ERRORS},
    operation_id="benchmarks_editions",
)
def editions(request: HttpRequest, code: str, query: Query[FormatQuery]):  # type: ignore[no-untyped-def]
    """Editions of a framework, oldest first; `sha256` names the definition in use."""
    rows = [_edition(e) for e in selectors.editions_of(selectors.framework_get(code))]
    return table(query.format, rows, f"{code}-editions")


@router.get(
    "/benchmarks/frameworks/{code}/methodology",
    response={200: dict[str, Any], **ERRORS},
    operation_id="benchmarks_methodology",
)
def methodology(request: HttpRequest, code: str, edition: str | None = None):  # type: ignore[no-untyped-def]
    """Formulas, weights, caps, normalisation, groups, rating classes, rank rule and rounding
    of every edition (or of `edition`), each statement with its status (confirmed, verified,
    recalled, unknown) and sources."""
    return selectors.methodology(code, edition)


@router.get(
    "/benchmarks/frameworks/{code}/editions/{edition}/indicators",
    response={200: list[dict[str, Any]], **ERRORS},
    operation_id="benchmarks_indicators",
)
def indicators(request: HttpRequest, code: str, edition: str, query: Query[FormatQuery]):  # type: ignore[no-untyped-def]
    """The indices of an edition and their components (weights as exact fractions)."""
    described = selectors.indices_of(selectors.edition_get(code, edition))
    if query.format == "csv":
        rows = [
            {"index": i["code"], "index_title": i["title"], "method": i["method"], **c}
            for i in described
            for c in i["components"] or [{}]
        ]
        columns = ["index", "index_title", "method", "code", "title", "weight", "cap",
                   "direction", "unit", "valid_range"]  # fmt: skip
        return csv_response(columns, rows, f"{code}-{edition}-indicators")
    return described


# --- Scores ---------------------------------------------------------------------------------


class CountryOut(Schema):
    code: str
    name: str
    region_code: str
    region: str
    subregion_code: str
    subregion: str
    groups: list[str] = Field(description="ldc, lldc, sids as of the edition's year")


class ValueOut(Schema):
    value: float
    text: str = Field(description="As published, or rounded to the edition's decimals")
    source: str = Field(description="published or computed")
    published: float | None
    computed: float | None = Field(description="Agora's recomputation, when possible")


class ScoreRowOut(Schema):
    country: CountryOut
    framework: str
    edition: str
    year: int
    rank: int | None
    published_rank: int | None
    group: str
    rating_class: str
    values: dict[str, ValueOut]


class ScoreTableOut(Schema):
    framework: str
    edition: str
    year: int
    indices: list[str]
    run: dict[str, Any] = Field(description="When and with which definition it was scored")
    rows: list[ScoreRowOut]


class ScoreFilters(FormatQuery):
    region: str | None = Field(None, description="UN M49 region code or name")
    subregion: str | None = Field(None, description="UN M49 sub-region code or name")
    group: str | None = Field(None, description="Group code, e.g. VH, H, M, L")
    country_group: Literal["ldc", "lldc", "sids"] | None = Field(
        None, description="Least developed, landlocked developing, small island developing"
    )
    sort: str = Field("rank", description="rank, name, or an index code; prefix - to reverse")


def _row(row: ScoreRow) -> dict[str, Any]:
    data = dict(row.__dict__)
    data["country"] = {**row.country.__dict__, "groups": list(row.country.groups)}
    data["values"] = {k: v.__dict__ for k, v in row.values.items()}
    return data


@router.get(
    "/benchmarks/frameworks/{code}/editions/{edition}/scores",
    response={200: ScoreTableOut, **ERRORS},
    operation_id="benchmarks_scores",
)
def scores(request: HttpRequest, code: str, edition: str, filters: Query[ScoreFilters]):  # type: ignore[no-untyped-def]
    """Scores of an edition (`latest` for the most recent), with rank, group and rating class,
    filtered by region, sub-region, group or LDC/LLDC/SIDS. Add `format=csv` for CSV."""
    table = selectors.edition_table(
        selectors.edition_get(code, edition),
        region=filters.region,
        subregion=filters.subregion,
        group=filters.group,
        country_group=filters.country_group,
        sort=filters.sort,
    )
    if filters.format == "csv":
        return csv_response(table.columns, table.flat_rows(), f"{code}-{table.edition}-scores")
    return {**table.__dict__, "rows": [_row(r) for r in table.rows]}


class SeriesQuery(FormatQuery):
    framework: str = "un-egov"


@router.get(
    "/benchmarks/countries/{code}/series",
    response={200: list[ScoreRowOut], **ERRORS},
    operation_id="benchmarks_country_series",
)
def country_series(request: HttpRequest, code: str, query: Query[SeriesQuery]):  # type: ignore[no-untyped-def]
    """A country's values, rank, group and class in every edition of a framework."""
    rows = selectors.country_series(code, query.framework)
    if query.format == "csv":
        indices = sorted({i for r in rows for i in r.values})
        return csv_response(
            flat_columns(indices), [r.flat(indices) for r in rows], f"{code}-series"
        )
    return [_row(r) for r in rows]


class CompareQuery(FormatQuery):
    countries: str = Field(description="1 to 5 ISO 3166-1 alpha-3 codes, comma-separated")
    framework: str = "un-egov"
    edition: str = "latest"


class CompareOut(Schema):
    framework: str
    edition: str
    indices: list[str]
    rows: list[ScoreRowOut]
    series: dict[str, list[ScoreRowOut]]


@router.get(
    "/benchmarks/compare", response={200: CompareOut, **ERRORS}, operation_id="benchmarks_compare"
)
def compare(request: HttpRequest, query: Query[CompareQuery]):  # type: ignore[no-untyped-def]
    """Up to five countries side by side in one edition, with each one's series.
    Add `format=csv` for CSV."""
    result = selectors.compare(query.countries.split(","), query.framework, query.edition)
    if query.format == "csv":
        rows = [r.flat(result["indices"]) for r in result["rows"]]
        return csv_response(flat_columns(result["indices"]), rows, "benchmarks-compare")
    return {
        "framework": query.framework,
        "edition": result["edition"].code,
        "indices": result["indices"],
        "rows": [_row(r) for r in result["rows"]],
        "series": {c: [_row(r) for r in rows] for c, rows in result["series"].items()},
    }


# --- The portal's own indicators ------------------------------------------------------------


class MeasurementQuery(FormatQuery):
    scope: Literal["portal", "country", "publisher"] = "portal"
    key: str | None = Field(None, description="Country code or publisher name for those scopes")
    indicator: str | None = None
    series: bool = Field(False, description="Every measured day instead of the latest")


def _measurement(m: Any) -> dict[str, Any]:
    return {
        "measured_on": m.measured_on.isoformat(),
        "scope": m.scope,
        "country": m.country_id,
        "publisher": m.organization.name if m.organization_id else None,
        "indicator": m.indicator,
        "value": m.value,
        "numerator": m.numerator,
        "denominator": m.denominator,
        "status": m.status,
        "note": m.note,
        "method": f"/api/v1/benchmarks/portal/indicators#{m.indicator}",
    }


@router.get(
    "/benchmarks/portal/indicators",
    response={200: dict[str, Any], **ERRORS},
    operation_id="benchmarks_portal_indicators",
)
def portal_indicators(request: HttpRequest):  # type: ignore[no-untyped-def]
    """What the portal measures about itself and exactly how (numerators, denominators)."""
    return selectors.indicator_definitions()


@router.get(
    "/benchmarks/portal/measurements",
    response={200: list[dict[str, Any]], **ERRORS},
    operation_id="benchmarks_portal_measurements",
)
def portal_measurements(request: HttpRequest, query: Query[MeasurementQuery]):  # type: ignore[no-untyped-def]
    """Indicators measured nightly over public datasets, per portal, country or publisher;
    the latest day, or the time series with `series=true`. Add `format=csv` for CSV."""
    if query.series:
        values = selectors.measurement_series(
            actor(request), scope=query.scope, key=query.key, indicator=query.indicator
        )
    else:
        values = selectors.measurements_latest(actor(request), scope=query.scope, key=query.key)
        if query.indicator:
            values = [v for v in values if v.indicator == query.indicator]
    return table(query.format, [_measurement(m) for m in values], "portal-measurements")
