"""Reading tables: country names, the UN Data Center export and raw indicator tables, with
every problem of a broken file reported by line and column (fixtures in ./fixtures are small
files written for these tests; the real exports are tested in test_golden_un_egov.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from agora.benchmarks.frameworks import framework_spec
from agora.benchmarks.tables.countries import CountryResolver
from agora.benchmarks.tables.export import csv_text
from agora.benchmarks.tables.raw import parse_raw_table
from agora.benchmarks.tables.un_export import parse_un_export

FIXTURES = Path(__file__).parent / "fixtures"


def _un(name: str, **aliases: str):  # type: ignore[no-untyped-def]
    editions = {e.code: e for e in framework_spec("un-egov").editions}
    content = (FIXTURES / name).read_bytes() if name.endswith(".csv") else name.encode()
    return parse_un_export(content, editions=editions, resolver=CountryResolver(aliases))


def _raw(name: str, edition: str = "2022"):  # type: ignore[no-untyped-def]
    spec = framework_spec("un-egov").edition(edition)
    return parse_raw_table((FIXTURES / name).read_bytes(), edition=spec, resolver=CountryResolver())


def _kinds(report) -> list[tuple[str, int | None, str]]:  # type: ignore[no-untyped-def]
    return [(p.kind, p.line, p.column) for p in report.errors]


@pytest.mark.parametrize(
    ("name", "code", "status"),
    [
        ("Türkiye", "TUR", "matched"),
        ("Turkey", "TUR", "alias"),
        ("Côte d’Ivoire", "CIV", "matched"),
        ("Cote d'Ivoire", "CIV", "matched"),
        ("COTE DIVOIRE", "CIV", "matched"),
        ("Ivory Coast", "CIV", "alias"),
        ("Swaziland", "SWZ", "alias"),
        ("The former Yugoslav Republic of Macedonia", "MKD", "alias"),
        ("Iran (Islamic Republic of)", "IRN", "matched"),
        ("Georgia (Country)", "GEO", "alias"),
        ("Congo", "COG", "matched"),
        ("Democratic Republic of the Congo", "COD", "alias"),
        ("  Kenya ", "KEN", "matched"),
        ("KEN", "KEN", "code"),
        ("Korea", None, "ambiguous"),
        ("Serbia and Montenegro", None, "historical"),
        ("Czechoslovakia", None, "historical"),
        ("Atlantis", None, "unknown"),
    ],
)
def test_country_names_resolve_exactly_or_are_reported(name, code, status):
    resolution = CountryResolver().resolve(name)
    assert (resolution.code, resolution.status) == (code, status)


def test_an_alias_given_for_one_import_resolves_a_name():
    assert CountryResolver({"Kosova": "SRB"}).resolve("Kosova").code == "SRB"


def test_a_valid_export_reads_every_row_with_its_published_text():
    report = _un("un_small_2022.csv")
    assert report.ok, report.summary()
    assert [r.country for r in report.rows] == ["DNK", "TUR", "CIV", "KOR", "KEN", "GEO"]
    assert report.rows[0].values["egdi"].text == "0.90000"
    assert report.aliased == {"Republic of Korea": "KOR", "Georgia (Country)": "GEO"}


def test_wrong_header_is_refused():
    report = _un("broken_wrong_header.csv")
    assert _kinds(report) == [("wrong_header", 1, "")]
    assert not report.rows


def test_missing_column_is_named():
    report = _un("broken_missing_column.csv")
    assert _kinds(report) == [("missing_column", 1, "Human Capital Index")]


def test_text_in_a_number_column_is_reported_with_line_and_column():
    report = _un("broken_text_in_number.csv")
    assert _kinds(report) == [("not_a_number", 3, "E-Government Index")]
    assert report.errors[0].value == "n/a"


def test_duplicate_country_under_two_spellings_is_reported():
    report = _un("broken_duplicate_country.csv")
    assert _kinds(report) == [("duplicate_country", 4, "country")]
    assert "first on line 2" in report.errors[0].message


def test_unknown_ambiguous_and_historical_countries_are_reported():
    report = _un("broken_unknown_country.csv")
    assert _kinds(report) == [
        ("unknown_country", 3, "country"),
        ("ambiguous_country", 4, "country"),
        ("historical_country", 5, "country"),
    ]
    assert "KOR, PRK" in report.errors[1].message


def test_out_of_range_values_are_reported():
    report = _un("broken_out_of_range.csv")
    assert _kinds(report) == [
        ("out_of_range", 2, "E-Government Index"),
        ("out_of_range", 3, "E-Participation Index"),
    ]


def test_an_edition_without_a_definition_is_refused():
    report = _un("broken_unknown_edition.csv")
    assert _kinds(report) == [("unknown_edition", 2, "Survey Year")]


def test_a_file_that_is_not_utf8_or_is_empty_is_refused():
    editions = {e.code: e for e in framework_spec("un-egov").editions}
    latin1 = (
        (FIXTURES / "un_small_2022.csv").read_text(encoding="utf-8").encode("latin-1", "replace")
    )
    report = parse_un_export(latin1, editions=editions, resolver=CountryResolver())
    assert [p.kind for p in report.errors] == ["encoding"]
    empty = parse_un_export(b"", editions=editions, resolver=CountryResolver())
    assert [p.kind for p in empty.errors] == ["empty"]


def test_a_row_without_rank_is_skipped_only_for_countries_the_edition_did_not_assess():
    header = (FIXTURES / "un_small_2022.csv").read_text(encoding="utf-8").splitlines()[0]
    text = f'{header}\n2003,"Montenegro",,0,0,0,0,0\n2003,"Kenya",,0.1,0.1,0.1,0.1,0.1\n'
    report = _un(text)
    assert [(p.kind, p.severity, p.line) for p in report.problems] == [
        ("not_assessed", "warning", 2),
        ("missing_value", "error", 3),
    ]


def test_raw_table_reads_the_inputs_of_recomputable_indices():
    report = _raw("raw_tii_2022.csv")
    assert report.ok, report.summary()
    assert len(report.rows) == 6
    assert report.rows[0].values["mobile_cellular"].value == 125.0


def test_raw_table_refuses_inputs_of_an_index_whose_method_is_unknown():
    report = _raw("raw_tii_2024_blocked.csv", edition="2024")
    assert [p.kind for p in report.errors] == ["method_unknown", "method_unknown"]


def test_raw_table_refuses_unknown_indicators():
    report = _raw("raw_unknown_indicator.csv")
    assert [(p.kind, p.column) for p in report.errors] == [
        ("unknown_indicator", "televisions_per_100")
    ]
    assert any(p.kind == "missing_column" and p.severity == "warning" for p in report.problems)


def test_raw_table_reports_text_and_keeps_empty_cells_as_missing():
    report = _raw("raw_text_and_blank.csv")
    assert [(p.kind, p.line, p.column) for p in report.errors] == [
        ("not_a_number", 3, "internet_users")
    ]
    assert ("missing_value", 3, "active_mobile_broadband") in [
        (p.kind, p.line, p.column) for p in report.problems
    ]


def test_csv_output_neutralises_formulas_and_keeps_numbers():
    text = csv_text(["a", "b", "c"], [{"a": "=HYPERLINK(1)", "b": -0.5, "c": None}])
    assert text.splitlines() == ["a,b,c", "'=HYPERLINK(1),-0.5,"]
