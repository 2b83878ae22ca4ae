"""Golden tests: the UN E-Government Survey as published in the Data Center exports
(shared test data, read in place) is reproduced by the edition definitions and the scoring.

The exports are parsed with Agora's own importer, so these tests also prove that every
official file of 2003-2024 imports cleanly.
"""

from __future__ import annotations

import math
from collections import Counter
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest

from agora.benchmarks.frameworks import framework_spec
from agora.benchmarks.scoring.indices import EditionResult, score_edition
from agora.benchmarks.tables.countries import CountryResolver
from agora.benchmarks.tables.report import ImportReport
from agora.benchmarks.tables.un_export import RANK_CODE, parse_un_export
from agora.testing import shared_data_path

EDITIONS = ["2003", "2004", "2005", "2008", "2010", "2012", "2014", "2016", "2018", "2020",
            "2022", "2024"]  # fmt: skip
RECENT = ["2014", "2016", "2018", "2020", "2022", "2024"]
# Very High / High / Middle / Low counts of the published EGDI (research note, section 1.7).
GROUP_COUNTS = {
    "2014": (25, 62, 74, 32),
    "2016": (29, 65, 67, 32),
    "2018": (40, 71, 66, 16),
    "2020": (57, 69, 59, 8),
    "2022": (60, 73, 53, 7),
    "2024": (76, 62, 44, 11),
}


@cache
def _report(edition: str) -> ImportReport:
    path = Path(shared_data_path()) / "benchmarks" / "un_egov" / f"EGOV_DATA_{edition}.csv"
    editions = {e.code: e for e in framework_spec("un-egov").editions}
    return parse_un_export(path.read_bytes(), editions=editions, resolver=CountryResolver())


def _published(edition: str) -> dict[str, dict[str, float]]:
    return {r.country: {k: c.value for k, c in r.values.items()} for r in _report(edition).rows}


def _texts(edition: str, index: str) -> dict[str, Decimal]:
    return {r.country: Decimal(r.values[index].text) for r in _report(edition).rows}


@cache
def _scored(edition: str) -> EditionResult:
    spec = framework_spec("un-egov").edition(edition)
    return score_edition(spec, _published(edition))


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_official_export_imports_without_errors(edition):
    report = _report(edition)
    assert report.ok, report.summary()
    spec = framework_spec("un-egov").edition(edition)
    assert len(report.rows) == 193 - len(spec.not_assessed)
    assert len({r.country for r in report.rows}) == len(report.rows)


@pytest.mark.parametrize("edition", RECENT)
def test_egdi_is_the_mean_of_osi_tii_and_hci_within_7e_5(edition):
    result = _scored(edition)
    deltas = [r.values["egdi"].delta for r in result.results]
    assert len(deltas) == 193
    assert max(abs(d) for d in deltas if d is not None) <= 7e-5
    assert not [f for f in result.findings if f.kind == "mismatch"]


@pytest.mark.parametrize(
    ("edition", "failures"),
    [("2003", 18), ("2004", 13), ("2005", 12), ("2008", 190), ("2010", 186), ("2012", 3)],
)
def test_before_2014_the_published_egdi_is_not_the_mean_as_the_definitions_say(edition, failures):
    result = _scored(edition)
    off = [r for r in result.results if abs(r.values["egdi"].delta or 0) > 7e-5]
    assert len(off) == failures
    spec = framework_spec("un-egov").edition(edition)
    assert spec.index("egdi").tolerance is None
    assert f"{failures} of the assessed" in " ".join(c.note for c in spec.index("egdi").claims)


@pytest.mark.parametrize("edition", RECENT)
def test_group_counts_per_edition(edition):
    counts = Counter(r.group for r in _scored(edition).results)
    assert (counts["VH"], counts["H"], counts["M"], counts["L"]) == GROUP_COUNTS[edition]


@pytest.mark.parametrize("edition", ["2003", "2004", "2005", "2008", "2010", "2012", "2014",
                                     "2016", "2018", "2022", "2024"])  # fmt: skip
def test_ranks_equal_the_published_ranks(edition):
    published = {r.country: int(r.values[RANK_CODE].value) for r in _report(edition).rows}
    ranks = {r.country: r.rank for r in _scored(edition).results}
    assert ranks == published


def test_2020_ranks_differ_only_for_the_four_pairs_tied_at_four_decimals():
    published = {r.country: int(r.values[RANK_CODE].value) for r in _report("2020").rows}
    egdi = _texts("2020", "egdi")
    ours = {r.country: r.rank for r in _scored("2020").results}
    differing = {c for c in ours if ours[c] != published[c]}
    assert len(differing) == 4
    tied_pairs = [
        {a, b} for a in egdi for b in egdi if a < b and egdi[a] == egdi[b] and
        published[a] != published[b]
    ]  # fmt: skip
    assert len(tied_pairs) == 4
    for pair in tied_pairs:
        assert len(pair & differing) == 1
        assert len({ours[c] for c in pair}) == 1


def test_2022_very_high_class_is_the_top_quarter_of_the_very_high_group():
    result = _scored("2022")
    group = sorted((r for r in result.results if r.group == "VH"), key=lambda r: r.rank or 0)
    assert len(group) == 60
    top = {r.country for r in group if r.rating_class == "VH"}
    assert top == {r.country for r in group[:15]}
    assert top == {"DNK", "FIN", "KOR", "NZL", "ISL", "SWE", "AUS", "EST", "NLD", "USA", "GBR",
                   "SGP", "ARE", "JPN", "MLT"}  # fmt: skip
    classes = Counter(r.rating_class for r in group)
    assert classes == {"VH": 15, "V3": 15, "V2": 15, "V1": 15}


def test_togo_2024_is_m2_as_the_technical_appendix_says():
    togo = _scored("2024").by_country()["TGO"]
    assert (togo.group, togo.rating_class) == ("M", "M2")


def test_rating_classes_exist_only_from_2020():
    assert not any(r.rating_class for r in _scored("2018").results)
    assert Counter(r.rating_class for r in _scored("2020").results if r.group == "VH") == {
        "VH": 15, "V3": 14, "V2": 14, "V1": 14
    }  # fmt: skip


def test_top_of_2024():
    egdi = _texts("2024", "egdi")
    top = sorted(_scored("2024").results, key=lambda r: r.rank or 0)[:5]
    assert [(r.country, str(egdi[r.country])) for r in top] == [
        ("DNK", "0.98474"), ("EST", "0.97274"), ("SGP", "0.96912"), ("KOR", "0.96789"),
        ("ISL", "0.96707"),
    ]  # fmt: skip


@pytest.mark.parametrize("edition", ["2012", *RECENT])
@pytest.mark.parametrize("index", ["osi", "tii", "hci", "epi"])
def test_components_span_exactly_zero_to_one_as_the_normalisation_claims_say(edition, index):
    values = _texts(edition, index)
    assert min(values.values()) == 0
    assert max(values.values()) == 1


@pytest.mark.parametrize(
    ("edition", "index", "denominator"),
    [("2014", "osi", 127), ("2016", "osi", 138), ("2018", "osi", 144), ("2020", "osi", 170),
     ("2014", "epi", 51), ("2016", "epi", 59), ("2018", "epi", 178), ("2020", "epi", 84),
     ("2022", "epi", 88), ("2024", "epi", 73)],
)  # fmt: skip
def test_range_normalised_values_are_point_totals_over_their_range(edition, index, denominator):
    """Each value is k/N for an integer k, rounded half up (truncated in 2014) to the
    published decimals, exactly as the edition's claim says."""
    spec = framework_spec("un-egov").edition(edition)
    note = " ".join(c.note for c in spec.index(index).claims)
    assert f"k/{denominator}" in note
    truncated = edition == "2014"
    assert ("truncated" in note) == truncated
    step = Decimal(1).scaleb(-_decimals(edition, index))
    mode = ROUND_FLOOR if truncated else ROUND_HALF_UP
    for value in _texts(edition, index).values():
        k = round(value * denominator)
        assert (Decimal(k) / denominator).quantize(step, rounding=mode) == value


def _decimals(edition: str, index: str) -> int:
    spec = framework_spec("un-egov").edition(edition)
    return spec.index(index).decimals or spec.published_decimals or 5


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("index", ["egdi", "osi", "tii", "hci", "epi"])
def test_declared_decimals_match_the_published_values(edition, index):
    """Values published with fewer decimals are padded with zeros in the export."""
    texts = [r.values[index].text for r in _report(edition).rows]
    padded = all(t.endswith("0") for t in texts)
    assert padded == (_decimals(edition, index) < 5)


def test_unknown_methods_are_never_used():
    for code in ("2022", "2024"):
        spec = framework_spec("un-egov").edition(code)
        assert not spec.index("osi").recomputable
    tii_2024 = framework_spec("un-egov").edition("2024").index("tii")
    assert not tii_2024.recomputable
    raw_2024 = {c.code for c in framework_spec("un-egov").edition("2024").raw_indicators}
    assert "mobile_basket_price" not in raw_2024
    assert {"adult_literacy", "mean_schooling", "epi_points"} <= raw_2024


def test_hci_weights_and_tii_cap_are_as_declared():
    hci = framework_spec("un-egov").edition("2016").index("hci")
    assert [c.weight for c in hci.components] == [Fraction(1, 3)] + [Fraction(2, 9)] * 3
    assert sum(c.weight for c in hci.components) == 1
    tii_2022 = framework_spec("un-egov").edition("2022").index("tii")
    assert {c.cap for c in tii_2022.components} == {120}
    tii_2018 = framework_spec("un-egov").edition("2018").index("tii")
    assert {c.cap for c in tii_2018.components} == {None}
    assert math.isclose(float(sum(c.weight for c in tii_2022.components)), 1.0)
