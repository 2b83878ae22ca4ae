"""Benchmark result pages: the world map, rankings, a country over time, and comparisons.

Thin handlers: parse the query string, call the benchmarks selectors (each reads in a fixed
number of queries), shape rows for the templates. Every table links to the same rows as CSV and
JSON in the native API, with the same filters. Bad filters raise AgoraError subclasses, which
the web error middleware turns into a 400/404 page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from agora.api.auth import request_actor
from agora.benchmarks import selectors
from agora.benchmarks.errors import BadFilter
from agora.benchmarks.models import Edition
from agora.benchmarks.records import ScoreRow, ScoreTable
from agora.benchmarks.selectors.scores import COMPARE_MAX

from ..i18n import region_name
from . import charts, worldmap
from .labels import API, COUNTRY_GROUPS, DIMENSIONS, GROUPS, Places, group_label, query

DEFAULT_FRAMEWORK = "un-egov"
MAP_COLOURS = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")


@dataclass(frozen=True)
class Choice:
    framework: str
    frameworks: list[tuple[str, str]]
    edition: Edition | None
    editions: list[Edition]


def _choice(request: HttpRequest) -> Choice:
    """The framework and edition asked for (defaults: the UN survey, its latest edition)."""
    scored = selectors.frameworks_with_scores()
    titles = {f.code: f.title for f in selectors.frameworks_list()}
    code = request.GET.get("framework") or (
        DEFAULT_FRAMEWORK if DEFAULT_FRAMEWORK in scored or not scored else scored[0]
    )
    if code not in titles:
        raise BadFilter(fields={"framework": [f"one of {', '.join(sorted(titles))}"]})
    editions = selectors.editions_with_scores(code)
    wanted = request.GET.get("edition")
    edition = editions[0] if editions else None
    if wanted:
        edition = next((e for e in editions if e.code == wanted), None)
        if edition is None:
            raise BadFilter(fields={"edition": ["no scores for this edition"]})
    frameworks = [(c, titles[c]) for c in scored] or [(code, titles[code])]
    return Choice(code, frameworks, edition, editions)


def _index_meta(edition: Edition) -> dict[str, dict[str, Any]]:
    return {i["code"]: i for i in selectors.indices_of(edition)}


def _rank_index(edition: Edition) -> str | None:
    spec = selectors.framework_definition(edition.framework_id).spec.edition(edition.code)
    if spec.classification is not None:
        return spec.classification.index
    return spec.rank.index if spec.rank is not None else None


@lru_cache(maxsize=1)
def _country_prefix() -> str:
    return reverse("web:benchmarks-country", args=["KEN"])[: -len("KEN")]


def country_link(code: str, framework: str = DEFAULT_FRAMEWORK) -> str:
    """The country page (one reverse() per process, not one per row of a 193-row table)."""
    suffix = "" if framework == DEFAULT_FRAMEWORK else f"?framework={framework}"
    return f"{_country_prefix()}{code}{suffix}"


def _row(row: ScoreRow, places: Places, indices: list[str]) -> dict[str, Any]:
    return {
        "code": row.country.code,
        "link": country_link(row.country.code, row.framework),
        "badges": [(g.upper(), str(COUNTRY_GROUPS[g])) for g in row.country.groups],
        "name": places.name(row.country.code, row.country.name),
        "subregion": region_name(row.country.subregion_code, row.country.subregion),
        "subregion_code": row.country.subregion_code,
        "rank": row.rank,
        "published_rank": row.published_rank,
        "group": row.group,
        "group_label": group_label(row.group),
        "rating_class": row.rating_class,
        "values": [row.values.get(i) for i in indices],
        "edition": row.edition,
        "year": row.year,
    }


def _downloads(path: str, params: dict[str, Any]) -> dict[str, str]:
    return {
        "csv": f"{API}{path}{query(params, format='csv')}",
        "json": f"{API}{path}{query(params)}",
    }


# --- The world map ---------------------------------------------------------------------------


def _bins(low: float, high: float) -> list[tuple[float, float]]:
    step = (high - low) / len(MAP_COLOURS)
    return [(low + step * k, low + step * (k + 1)) for k in range(len(MAP_COLOURS))]


def _bin_of(value: float, bins: list[tuple[float, float]]) -> int:
    """Lower bounds exclusive, like the survey's groups (0.75 is High, not Very High)."""
    for k in range(len(bins) - 1, 0, -1):
        if value > bins[k][0]:
            return k
    return 0


def _map(table: ScoreTable, index: str, meta: dict[str, Any], places: Places) -> dict[str, Any]:
    low, high = meta["valid_range"]
    bins = _bins(float(low), float(high))
    values = {r.country.code: r.values[index] for r in table.rows if index in r.values}
    by_alpha2 = {places.alpha2.get(code, ""): code for code in values}
    shapes = worldmap.world_shapes()
    items = []
    if shapes is not None:
        for alpha2, path in sorted(shapes.paths.items()):
            code = by_alpha2.get(alpha2)
            cell = values.get(code) if code else None
            band = _bin_of(cell.value, bins) if cell else None
            items.append(
                {
                    "path": path,
                    "code": code,
                    "link": country_link(code, table.framework) if code else "",
                    "name": places.name(code) if code else "",
                    "text": cell.text if cell else "",
                    "band": band,
                    "colour": MAP_COLOURS[band] if band is not None else "",
                }
            )
        view_box = " ".join(map(str, shapes.view_box))
        tiles: list[dict[str, Any]] = []
        headings: list[tuple[str, int]] = []
    else:
        located = [(code, places.region_of(code)) for code in values]
        laid, headings, size = worldmap.tile_layout(located)
        tiles = []
        for tile in laid:
            band = _bin_of(values[tile.code].value, bins)
            tiles.append(
                {
                    "tile": tile,
                    "name": places.name(tile.code),
                    "band": band,
                    "text": values[tile.code].text,
                    "colour": MAP_COLOURS[band],
                }
            )
        view_box = f"0 0 {size[0]} {size[1]}"
    legend = []
    for k, (start, end) in enumerate(bins):
        count = sum(1 for c in values.values() if _bin_of(c.value, bins) == k)
        legend.append(
            {
                "colour": MAP_COLOURS[k],
                "start": f"{start:g}",
                "end": f"{end:g}",
                "count": count,
                "first": k == 0,
            }
        )
    return {
        "items": items,
        "tiles": tiles,
        "headings": headings,
        "view_box": view_box,
        "legend": legend,
        "source": shapes.source if shapes else "",
        "missing": len(values) - sum(1 for i in items if i["code"]) if shapes else 0,
    }


def benchmarks_home(request: HttpRequest) -> HttpResponse:
    choice = _choice(request)
    places = Places()
    context: dict[str, Any] = {"choice": choice, "scored": choice.edition is not None}
    if choice.edition is not None:
        edition = choice.edition
        meta = _index_meta(edition)
        index = request.GET.get("index") or _rank_index(edition) or next(iter(meta))
        if index not in meta:
            raise BadFilter(fields={"index": [f"one of {', '.join(meta)}"]})
        table = selectors.edition_table(edition, sort=f"-{index}")
        rows = [_row(r, places, [index]) for r in table.rows if index in r.values]
        params = {"framework": choice.framework, "edition": edition.code, "index": index}
        context.update(
            index=index,
            index_meta=meta[index],
            indices=list(meta.values()),
            map=_map(table, index, meta[index], places),
            rows=rows,
            params=params,
            downloads=_downloads(
                f"/frameworks/{choice.framework}/editions/{edition.code}/scores",
                {"sort": f"-{index}"},
            ),
        )
    return render(request, "web/benchmarks/home.html", context)


# --- Rankings --------------------------------------------------------------------------------

FILTERS = ("region", "subregion", "group", "country_group")


def _header(code: str, label: str, title: str, sort: str, params: dict[str, Any]) -> dict[str, Any]:
    """A sortable column: the link sorts by it (descending first for an index), again
    reverses it; aria-sort says how the table is sorted now."""
    first = code if code in ("rank", "name") else f"-{code}"
    state = ""
    if sort.lstrip("-") == code:
        descending = sort.startswith("-")
        state = "descending" if descending else "ascending"
        first = code if descending else f"-{code}"
    return {"label": label, "title": title, "link": query(params, sort=first), "state": state}


def rankings(request: HttpRequest) -> HttpResponse:
    choice = _choice(request)
    places = Places()
    filters = {k: request.GET.get(k) or None for k in FILTERS}
    sort = request.GET.get("sort") or "rank"
    context: dict[str, Any] = {
        "choice": choice,
        "scored": choice.edition is not None,
        "filters": filters,
        "regions": places.regions(),
        "subregions": places.subregions(),
        "groups": list(GROUPS.items()),
        "country_groups": list(COUNTRY_GROUPS.items()),
    }
    if choice.edition is not None:
        edition = choice.edition
        table = selectors.edition_table(edition, sort=sort, **filters)
        meta = _index_meta(edition)
        params = {"framework": choice.framework, "edition": edition.code, **filters}
        headers = [_header("rank", _("Rank"), "", sort, params)]
        headers.append(_header("name", _("Country"), "", sort, params))
        headers += [_header(i, i.upper(), meta[i]["title"], sort, params) for i in table.indices]
        api_params = {**filters, "sort": sort}
        context.update(
            table=table,
            headers=headers,
            rows=[_row(r, places, table.indices) for r in table.rows],
            any_computed=any(v.source == "computed" for r in table.rows for v in r.values.values()),
            sort=sort,
            downloads=_downloads(
                f"/frameworks/{choice.framework}/editions/{edition.code}/scores", api_params
            ),
            classified=_rank_index(edition) is not None,
        )
    return render(request, "web/benchmarks/rankings.html", context)


# --- One country -----------------------------------------------------------------------------


def _series_chart(rows: list[ScoreRow], indices: list[str], high: float) -> charts.LineChart:
    labels = [r.edition for r in rows]
    series = [
        (i.upper(), [r.values[i].value if i in r.values else None for r in rows]) for i in indices
    ]
    return charts.line_chart(labels, series, (0.0, high))


def _radar(result: dict[str, Any]) -> charts.Radar:
    dims = [
        (str(DIMENSIONS.get(d["dimension"], d["dimension"])), d["score"])
        for d in result.get("dimensions", [])
    ]
    return charts.radar(dims)


def _peers(choice: Choice, code: str, subregion: str, places: Places) -> dict[str, Any] | None:
    if choice.edition is None or not subregion:
        return None
    table = selectors.edition_table(choice.edition, subregion=subregion)
    index = _rank_index(choice.edition) or (table.indices[0] if table.indices else None)
    if index is None:
        return None
    rows = [_row(r, places, [index]) for r in table.rows]
    values = [r.values[index].value for r in table.rows if index in r.values]
    return {
        "edition": choice.edition,
        "index": index,
        "rows": rows,
        "current": code,
        "mean": f"{sum(values) / len(values):.4f}" if values else "",
        "compare": query(
            {"framework": choice.framework, "edition": choice.edition.code},
            countries=[code, *[r["code"] for r in rows if r["code"] != code][:4]],
        ),
        "downloads": _downloads(
            f"/frameworks/{choice.framework}/editions/{choice.edition.code}/scores",
            {"subregion": subregion},
        ),
    }


def country_page(request: HttpRequest, code: str) -> HttpResponse:
    actor = request_actor(request)
    choice = _choice(request)
    places = Places()
    code = code.upper()
    rows = selectors.country_series(code, choice.framework)
    indices = list(selectors.indices_of(choice.edition) if choice.edition else [])
    index_codes = [i["code"] for i in indices if any(i["code"] in r.values for r in rows)]
    high = max([float(i["valid_range"][1]) for i in indices] or [1.0])
    row = next(r for r in places.rows if r[0] == code)
    assessment = selectors.assessment_published_latest(actor, code)
    context = {
        "choice": choice,
        "code": code,
        "name": places.name(code),
        "subregion": region_name(row[5], row[6]),
        "series": [_row(r, places, index_codes) for r in reversed(rows)],
        "indices": index_codes,
        "chart": _series_chart(rows, index_codes, high) if rows else None,
        "peers": _peers(choice, code, row[5], places),
        "assessment": assessment,
        "radar": _radar(assessment.result) if assessment else None,
        "dimensions": [
            {**d, "label": DIMENSIONS.get(d["dimension"], d["dimension"])}
            for d in (assessment.result.get("dimensions", []) if assessment else [])
        ],
        "measurements": selectors.measurements_latest(actor, scope="country", key=code),
        "downloads": _downloads(f"/countries/{code}/series", {"framework": choice.framework}),
        "measurement_downloads": _downloads(
            "/portal/measurements", {"scope": "country", "key": code}
        ),
    }
    return render(request, "web/benchmarks/country.html", context)


# --- Compare ---------------------------------------------------------------------------------


def _wanted_countries(request: HttpRequest) -> list[str]:
    codes = []
    for value in request.GET.getlist("countries"):
        codes += [c.strip().upper() for c in value.split(",") if c.strip()]
    return list(dict.fromkeys(codes))


def compare_page(request: HttpRequest) -> HttpResponse:
    choice = _choice(request)
    places = Places()
    codes = _wanted_countries(request)
    context: dict[str, Any] = {
        "choice": choice,
        "countries": places.countries(),
        "slots": (codes + [""] * COMPARE_MAX)[: max(COMPARE_MAX, len(codes))],
        "max": COMPARE_MAX,
    }
    if codes and choice.edition is not None:
        result = selectors.compare(codes, choice.framework, choice.edition.code)
        meta = _index_meta(choice.edition)
        index = request.GET.get("index") or _rank_index(choice.edition) or result["indices"][0]
        if index not in meta:
            raise BadFilter(fields={"index": [f"one of {', '.join(meta)}"]})
        editions = sorted({(r.year, r.edition) for s in result["series"].values() for r in s})
        labels = [e for _, e in editions]
        lines = []
        for country, series in result["series"].items():
            by_edition = {r.edition: r for r in series}
            values = [
                by_edition[e].values[index].value
                if e in by_edition and index in by_edition[e].values
                else None
                for e in labels
            ]
            lines.append((places.name(country), values))
        chart = charts.line_chart(labels, lines, (0.0, float(meta[index]["valid_range"][1])))
        params = {
            "countries": ",".join(codes),
            "framework": choice.framework,
            "edition": choice.edition.code,
        }
        context.update(
            codes=codes,
            index=index,
            indices=list(meta.values()),
            table_indices=result["indices"],
            rows=[_row(r, places, result["indices"]) for r in result["rows"]],
            missing=[
                places.name(c) for c in codes if c not in {r.country.code for r in result["rows"]}
            ],
            chart=chart,
            legend=list(zip(chart.lines, codes, strict=True)),
            downloads=_downloads("/compare", params),
        )
    return render(request, "web/benchmarks/compare.html", context)
