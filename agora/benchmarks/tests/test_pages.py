"""The benchmark web pages through the real stack: map, rankings, country, compare,
methodology, in English and Arabic, with their downloads, filters, errors and query counts."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from agora.benchmarks import services
from agora.core.actor import SYSTEM
from agora.testing import shared_data_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(db) -> Client:
    return Client()


def _text(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def _rows(html: str) -> list[str]:
    """Country codes of the rows of the first data table, in order."""
    if "<tbody>" not in html:
        return []
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'href="/benchmarks/country/([A-Z]{3})', body)


def _import_real(year: int) -> None:
    path = shared_data_path() / "benchmarks" / "un_egov" / f"EGOV_DATA_{year}.csv"
    services.observations_import(
        actor=SYSTEM, kind="un-egov-export", content=path.read_bytes(), file_name=path.name
    )


# --- Map ------------------------------------------------------------------------------------


def test_map_colours_each_scored_country_by_band_and_lists_them_in_a_table(web, small_2022):
    html = _text(web.get("/benchmarks/", {"edition": "2022"}))
    shapes = re.findall(
        r'<path class="bm-shape bm-band-(\d)" d="M[^"]+" fill="[^"]+"><title>([^<]+)', html
    )
    titles = {t for _, t in shapes}
    assert {"Denmark: 0.90000", "Kenya: 0.30000", "Georgia: 0.10000"} <= titles
    assert len(shapes) == 6  # every country of the table has an outline
    bands = {t.split(":")[0]: b for b, t in shapes}
    assert bands["Denmark"] == "3"
    assert bands["Kenya"] == "1"
    assert bands["Georgia"] == "0"
    assert html.count("bm-nodata") > 100  # every other country is drawn, hatched as no data
    assert _rows(html) == ["DNK", "TUR", "CIV", "KOR", "KEN", "GEO"]
    assert (
        "/api/v1/benchmarks/frameworks/un-egov/editions/2022/scores?sort=-egdi&amp;format=csv"
        in html
    )
    assert 'role="group" aria-labelledby="map-title"' in html
    assert "the same values are in the table below" in html


def test_map_can_be_coloured_by_any_index(web, small_2022):
    html = _text(web.get("/benchmarks/", {"edition": "2022", "index": "tii"}))
    assert "Kenya: 0.40000" in html
    assert "Kenya: 0.30000" not in html
    assert web.get("/benchmarks/", {"index": "nope"}).status_code == 400
    assert web.get("/benchmarks/", {"edition": "1999"}).status_code == 400
    assert web.get("/benchmarks/", {"framework": "nope"}).status_code == 400


def test_map_falls_back_to_a_tile_grid_without_the_outline_package(web, small_2022, monkeypatch):
    monkeypatch.setattr("agora.web.benchmarks.worldmap.world_shapes", lambda: None)
    html = _text(web.get("/benchmarks/"))
    assert html.count('class="bm-shape"><title>') == 6
    assert ">KEN</text>" in html
    assert "drawn as tiles grouped by UN region" in html


def test_an_empty_benchmark_says_so(web, db):
    assert "No scores have been imported" in _text(web.get("/benchmarks/"))
    assert "No scores have been imported" in _text(web.get("/benchmarks/rankings"))


# --- Rankings -------------------------------------------------------------------------------


def test_rankings_sort_through_the_query_string(web, small_2022):
    assert _rows(_text(web.get("/benchmarks/rankings"))) == [
        "DNK",
        "TUR",
        "CIV",
        "KOR",
        "KEN",
        "GEO",
    ]
    html = _text(web.get("/benchmarks/rankings", {"sort": "name"}))
    assert _rows(html)[0] == "CIV"  # Côte d'Ivoire
    assert re.search(r'<th scope="col" aria-sort="ascending"><a href="\?[^"]*sort=-name', html)
    html = _text(web.get("/benchmarks/rankings", {"sort": "tii"}))
    assert _rows(html) == ["GEO", "KEN", "KOR", "CIV", "TUR", "DNK"]
    assert 'aria-sort="ascending"' in html


def test_rankings_filter_by_region_subregion_group_and_country_group(web, small_2022):
    europe = _rows(_text(web.get("/benchmarks/rankings", {"region": "150"})))
    assert europe == ["DNK"]
    asia = _rows(_text(web.get("/benchmarks/rankings", {"subregion": "145"})))
    assert asia == ["TUR", "GEO"]  # Western Asia
    very_high = _rows(_text(web.get("/benchmarks/rankings", {"group": "VH"})))
    assert very_high == ["DNK"]
    html = _text(web.get("/benchmarks/rankings", {"country_group": "lldc"}))
    assert _rows(html) == []
    assert "No country matches these filters." in html
    html = _text(web.get("/benchmarks/rankings", {"region": "002", "sort": "-egdi"}))
    assert "scores?region=002&amp;sort=-egdi&amp;format=csv" in html


def test_rankings_reject_bad_filters_with_a_clear_page(web, small_2022):
    response = web.get("/benchmarks/rankings", {"sort": "drop table"})
    assert response.status_code == 400
    assert response.get("Content-Type", "").startswith("text/html")
    assert web.get("/benchmarks/rankings", {"country_group": "xx"}).status_code == 400


def test_the_download_links_answer_the_rows_of_the_page(web, small_2022):
    html = _text(web.get("/benchmarks/rankings", {"region": "142"}))
    link = re.search(r'href="(/api/v1/[^"]+format=csv)"', html).group(1).replace("&amp;", "&")
    body = web.get(link).content.decode()
    assert [line.split(",")[3] for line in body.splitlines()[1:]] == ["TUR", "KOR", "GEO"]
    json_link = re.search(r'href="(/api/v1/[^"]+scores[^"]*)">JSON', html).group(1)
    rows = web.get(json_link.replace("&amp;", "&")).json()["rows"]
    assert [r["country"]["code"] for r in rows] == _rows(html)


# --- Country and compare --------------------------------------------------------------------


def test_country_page_shows_series_rank_group_class_and_peers(web, small_2022):
    html = _text(web.get("/benchmarks/country/ken"))
    assert "<h1>Kenya</h1>" in html
    series = html.split('id="series-title"', 1)[1].split("</table>", 1)[0]
    assert re.search(r">2022</a></th>.*0\.30000.*<td class=\"num\">5</td><td>Middle</td>", series)
    assert "/api/v1/benchmarks/countries/KEN/series?framework=un-egov&amp;format=csv" in html
    assert html.count("<polyline") == 5  # one line per index
    peers = html.split('id="peers-title"', 1)[1]
    assert "Regional peers: Sub-Saharan Africa, 2022" in html
    assert "(this country)" in peers
    assert "No published self-assessment" in html
    assert web.get("/benchmarks/country/XXX").status_code == 404


def test_compare_up_to_five_countries(web, small_2022):
    html = _text(web.get("/benchmarks/compare", {"countries": ["KEN", "DNK", ""], "index": "hci"}))
    table = html.split('id="compare-title"', 1)[1]
    assert _rows(table) == ["KEN", "DNK"]
    assert html.count("<polyline") == 2
    assert "/api/v1/benchmarks/compare?countries=KEN%2CDNK" in html
    six = {"countries": "KEN,DNK,TUR,CIV,KOR,GEO"}
    assert web.get("/benchmarks/compare", six).status_code == 400
    assert web.get("/benchmarks/compare", {"countries": "KEN,ZZZ"}).status_code == 400
    assert "Not assessed in this edition:" in _text(
        web.get("/benchmarks/compare", {"countries": "KEN,FRA"})
    )


# --- Methodology ----------------------------------------------------------------------------


def test_methodology_shows_formulas_weights_and_the_unknowns_from_the_edition_data(web, db):
    html = _text(web.get("/benchmarks/methodology/un-egov", {"edition": "2022"}))
    assert "EGDI = (OSI + TII + HCI) / 3" in html
    assert "1/3 × adult_literacy + 2/9 × gross_enrolment" in html
    unknowns = html.split('id="unknown-title"', 1)[1].split("</section>", 1)[0]
    assert "weights" in unknowns
    assert "bm-status-unknown" in unknowns
    assert "VH · V3 · V2 · V1" in html
    assert 'href="#source-' in html
    assert 'id="source-egovkb-methodology"' in html
    older = _text(web.get("/benchmarks/methodology/un-egov", {"edition": "2018"}))
    assert "Every rule of this edition is known." in older or "bm-status-unknown" in older
    odb = _text(web.get("/benchmarks/methodology/odb", {"edition": "2014"}))
    assert "Does the data exist?" in odb
    assert web.get("/benchmarks/methodology/nope").status_code == 404
    assert web.get("/benchmarks/methodology/un-egov", {"edition": "1990"}).status_code == 404
    index = _text(web.get("/benchmarks/methodology"))
    assert "/benchmarks/methodology/godi" in index


# --- Languages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "word"),
    [
        ("ar", "الترتيب"),
        ("fr", "Classements"),
        ("es", "Clasificaciones"),
        ("ru", "Рейтинги"),
        ("zh-hans", "排名"),
    ],
)
def test_pages_are_translated(web, small_2022, language, word):
    web.cookies["django_language"] = language
    html = _text(web.get("/benchmarks/rankings"))
    assert word in html
    assert ('dir="rtl"' in html) == (language == "ar")


def test_svg_coordinates_are_not_localized_in_arabic(web, small_2022):
    web.cookies["django_language"] = "ar"
    html = _text(web.get("/benchmarks/country/KEN"))
    points = re.findall(r'<polyline points="([^"]+)"', html)
    assert points
    assert all(re.fullmatch(r"[0-9., ]+", p) for p in points)


# --- No N+1 ---------------------------------------------------------------------------------


def _queries(web: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert web.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/benchmarks/rankings?edition=2022",
        "/benchmarks/country/KEN?edition=2022",
        "/benchmarks/?edition=2022",
        "/benchmarks/compare?edition=2022&countries=KEN,DNK,TUR",
    ],
)
def test_pages_read_in_a_fixed_number_of_queries(web, small_2022, url):
    few = _queries(web, url)
    _import_real(2022)  # 193 countries instead of 6
    _import_real(2024)  # and a second edition in the series
    assert _queries(web, url) == few
