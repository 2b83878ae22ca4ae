"""Score tables: one edition with filters, one country over time, up to five side by side.

Benchmark results are public, so no visibility rule applies here; every function reads in a
fixed number of queries whatever the number of countries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q

from agora.catalog.models import Country
from agora.interop.vocabularies.m49 import COUNTRY_GROUPS, group_members

from ..errors import BadFilter, BenchmarkNotFound
from ..models import Edition, Score, ScoringRun
from ..records import CountryRef, ScoreRow, ScoreTable, ValueCell
from .frameworks import edition_get, framework_definition

COMPARE_MAX = 5


def _as_of(year: int) -> str:
    """Country groups are taken as they were in the middle of the edition's year."""
    return f"{year}-07-01"


def _ref(
    country: Country, as_of: str, members: dict[str, frozenset[str]] | None = None
) -> CountryRef:
    groups = members if members is not None else _members(as_of)
    return CountryRef(
        code=country.code,
        name=country.name,
        region_code=country.region_code,
        region=country.region_name,
        subregion_code=country.subregion_code,
        subregion=country.subregion_name,
        groups=tuple(g for g in COUNTRY_GROUPS if country.code in groups[g]),
    )


def _members(as_of: str) -> dict[str, frozenset[str]]:
    return {g: group_members(g, as_of) for g in COUNTRY_GROUPS}


def country_refs(codes: Iterable[str], as_of: str) -> dict[str, CountryRef]:
    """Countries with their M49 regions and development groups as of a date (one query)."""
    members = _members(as_of)
    return {c.code: _ref(c, as_of, members) for c in Country.objects.filter(code__in=set(codes))}


SCORE_FIELDS = (
    "edition_id",
    "country_id",
    "index",
    "value",
    "value_text",
    "source",
    "published",
    "computed",
    "rank",
    "published_rank",
    "group",
    "rating_class",
)


def _rows(editions: list[Edition], country_codes: set[str] | None = None) -> list[ScoreRow]:
    """Score rows read as plain tuples (building ~1,000 model instances per edition costs
    more than the query), grouped per edition and country."""
    scores = Score.objects.filter(edition__in=editions)
    if country_codes is not None:
        scores = scores.filter(country_id__in=country_codes)
    grouped: dict[tuple[int, str], list[tuple[Any, ...]]] = defaultdict(list)
    for item in scores.values_list(*SCORE_FIELDS):
        grouped[(item[0], item[1])].append(item)
    by_id = {e.id: e for e in editions}
    members = {e.id: _members(_as_of(e.year)) for e in editions}
    countries = Country.objects.in_bulk({c for (_, c) in grouped})
    rows = []
    for (edition_id, country), items in grouped.items():
        edition = by_id[edition_id]
        ranked = next((s for s in items if s[8] is not None or s[10]), None)
        published_rank = next((s[9] for s in items if s[9]), None)
        rows.append(
            ScoreRow(
                country=_ref(countries[country], _as_of(edition.year), members[edition_id]),
                framework=edition.framework_id,
                edition=edition.code,
                year=edition.year,
                values={s[2]: ValueCell(s[3], s[4], s[5], s[6], s[7]) for s in items},
                rank=ranked[8] if ranked else None,
                published_rank=published_rank,
                group=ranked[10] if ranked else "",
                rating_class=ranked[11] if ranked else "",
            )
        )
    return rows


def _indices(edition: Edition) -> list[str]:
    spec = framework_definition(edition.framework_id).spec.edition(edition.code)
    return [i.code for i in spec.indices]


def _run(edition: Edition) -> dict[str, Any]:
    run = ScoringRun.objects.filter(edition=edition).first()
    if run is None:
        return {}
    return {
        "computed_at": run.computed_at.isoformat(),
        "definition_sha256": run.definition_sha256,
        "methods": run.methods,
        "findings": run.findings,
    }


def _matches(row: ScoreRow, filters: dict[str, str | None]) -> bool:
    region, subregion = filters.get("region"), filters.get("subregion")
    if region and region.lower() not in (row.country.region_code, row.country.region.lower()):
        return False
    if subregion and subregion.lower() not in (
        row.country.subregion_code,
        row.country.subregion.lower(),
    ):
        return False
    if filters.get("group") and row.group != filters["group"]:
        return False
    country_group = filters.get("country_group")
    return not country_group or country_group in row.country.groups


def _sort(rows: list[ScoreRow], sort: str, indices: list[str]) -> list[ScoreRow]:
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key == "rank":
        ordered = sorted(rows, key=lambda r: (r.rank is None, r.rank or 0, r.country.name))
    elif key == "name":
        ordered = sorted(rows, key=lambda r: r.country.name)
    elif key in indices:
        present = [r for r in rows if key in r.values]
        absent = [r for r in rows if key not in r.values]
        present.sort(key=lambda r: (r.values[key].value, r.country.name))
        return (present[::-1] if descending else present) + absent
    else:
        raise BadFilter(fields={"sort": [f"sort by rank, name or one of {', '.join(indices)}"]})
    return ordered[::-1] if descending else ordered


def _area(region: str | None, subregion: str | None) -> set[str] | None:
    """Codes of the countries of a region or sub-region (code or name), so that a regional
    table reads only its own scores; None when there is no such filter."""
    if not region and not subregion:
        return None
    countries = Country.objects.all()
    for code_field, name_field, wanted in (
        ("region_code", "region_name", region),
        ("subregion_code", "subregion_name", subregion),
    ):
        if wanted:
            countries = countries.filter(
                Q(**{code_field: wanted}) | Q(**{f"{name_field}__iexact": wanted})
            )
    return set(countries.values_list("code", flat=True))


def edition_table(
    edition: Edition,
    *,
    region: str | None = None,
    subregion: str | None = None,
    group: str | None = None,
    country_group: str | None = None,
    sort: str = "rank",
) -> ScoreTable:
    if country_group and country_group not in COUNTRY_GROUPS:
        raise BadFilter(fields={"country_group": [f"one of {', '.join(COUNTRY_GROUPS)}"]})
    indices = _indices(edition)
    filters = {"region": region, "subregion": subregion, "group": group}
    filters["country_group"] = country_group
    rows = [r for r in _rows([edition], _area(region, subregion)) if _matches(r, filters)]
    return ScoreTable(
        framework=edition.framework_id,
        edition=edition.code,
        year=edition.year,
        indices=indices,
        rows=_sort(rows, sort, indices),
        run=_run(edition),
    )


def country_series(country_code: str, framework_code: str) -> list[ScoreRow]:
    """Every edition of the framework in which the country has a score, oldest first."""
    code = country_code.upper()
    if not Country.objects.filter(code=code).exists():
        raise BenchmarkNotFound("No such country", code="benchmarks.country_not_found")
    editions = list(Edition.objects.filter(framework_id=framework_code))
    if not editions:
        raise BenchmarkNotFound("No such framework", code="benchmarks.framework_not_found")
    rows = _rows(editions, {code})
    return sorted(rows, key=lambda r: (r.year, r.edition))


def compare(
    country_codes: list[str], framework_code: str, edition_code: str = "latest"
) -> dict[str, Any]:
    """Up to five countries in one edition, and each one's series over every edition."""
    codes = list(dict.fromkeys(c.strip().upper() for c in country_codes if c.strip()))
    if not 1 <= len(codes) <= COMPARE_MAX:
        raise BadFilter(fields={"countries": [f"give 1 to {COMPARE_MAX} country codes"]})
    known = set(Country.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise BadFilter(fields={"countries": [f"unknown country codes: {', '.join(unknown)}"]})
    edition = edition_get(framework_code, edition_code)
    order = {code: n for n, code in enumerate(codes)}
    rows = sorted(_rows([edition], set(codes)), key=lambda r: order[r.country.code])
    editions = list(Edition.objects.filter(framework_id=framework_code))
    series: dict[str, list[ScoreRow]] = {code: [] for code in codes}
    for row in sorted(_rows(editions, set(codes)), key=lambda r: (r.year, r.edition)):
        series[row.country.code].append(row)
    return {"edition": edition, "indices": _indices(edition), "rows": rows, "series": series}


def frameworks_with_scores() -> list[str]:
    """Codes of the frameworks that have at least one score, in code order (one query)."""
    scored = Edition.objects.filter(Exists(Score.objects.filter(edition=OuterRef("pk"))))
    return sorted(set(scored.values_list("framework_id", flat=True)))


def editions_with_scores(framework_code: str) -> list[Edition]:
    """The framework's editions that have scores, newest first (one query)."""
    return list(
        Edition.objects.filter(framework_id=framework_code)
        .filter(Exists(Score.objects.filter(edition=OuterRef("pk"))))
        .order_by("-year", "-code")
    )
