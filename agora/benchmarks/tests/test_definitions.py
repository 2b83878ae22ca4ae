"""The framework definition files are valid data, every claim cites a declared source, and a
malformed definition is refused with the place of the mistake."""

from __future__ import annotations

import pytest

from agora.benchmarks.frameworks import definitions, portal_indicators, questionnaire_seed
from agora.benchmarks.scoring import parse
from agora.benchmarks.scoring.parse import DefinitionError
from agora.benchmarks.scoring.portal import INDICATORS
from agora.benchmarks.scoring.readiness import DIMENSIONS, question_from_data
from agora.benchmarks.scoring.spec import Status

EXPECTED = {
    "un-egov": ["2003", "2004", "2005", "2008", "2010", "2012", "2014", "2016", "2018", "2020",
                "2022", "2024"],
    "odb": ["2013", "2014", "2015", "2016"],
    "godi": ["2013", "2014", "2015", "2016-17"],
    "oecd-ourdata": ["2023"],
    "eu-odm": ["2023"],
    "five-stars": ["2010"],
    "agora-readiness": ["1"],
}  # fmt: skip


def test_every_framework_and_edition_is_shipped():
    found = {code: [e.code for e in d.spec.editions] for code, d in definitions().items()}
    assert found == EXPECTED


def _claims(edition):  # type: ignore[no-untyped-def]
    yield from edition.claims
    for index in edition.indices:
        yield from index.claims
    for part in (edition.classification, edition.rank, edition.checklist):
        if part is not None:
            yield from part.claims


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_every_claim_cites_sources_the_framework_declares(code):
    definition = definitions()[code]
    declared = {s.id for s in definition.spec.sources}
    for edition in definition.spec.editions:
        declared_here = declared | {s.id for s in edition.sources}
        for claim in _claims(edition):
            assert set(claim.sources) <= declared_here, (edition.code, claim.about)
            assert claim.note, (edition.code, claim.about)


def test_an_index_with_an_unknown_method_is_never_recomputed():
    for definition in definitions().values():
        for edition in definition.spec.editions:
            for index in edition.indices:
                if any(c.status == Status.UNKNOWN for c in index.claims):
                    assert not index.recomputable, (edition.code, index.code)


def test_every_edition_has_its_own_hash():
    for definition in definitions().values():
        hashes = [definition.edition_sha256(e.code) for e in definition.spec.editions]
        assert len(set(hashes)) == len(hashes)


def test_the_portal_indicators_are_the_ones_the_scoring_computes():
    assert [i["code"] for i in portal_indicators().indicators] == list(INDICATORS)
    assert "contact_point" in portal_indicators().required_metadata


def test_the_questionnaire_covers_the_eight_dimensions_and_measures_what_the_portal_measures():
    seed = questionnaire_seed()
    questions = [question_from_data(q, seed["choices"], seed["scales"]) for q in seed["questions"]]
    assert {q.dimension for q in questions} == set(DIMENSIONS)
    measured = {q.indicator for q in questions if q.answer_type == "measured"}
    assert measured == set(INDICATORS)
    measured_dimensions = {q.dimension for q in questions if q.answer_type == "measured"}
    assert measured_dimensions == {"technical", "data", "impact"}
    assert len({q.code for q in questions}) == len(questions)


MINIMAL = {"edition": "1", "year": 2020, "title": "t"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": 2020, "title": "t"}, "'edition' is required"),
        ({**MINIMAL, "indices": [{"code": "x", "title": "X", "method": "magic"}]}, "method"),
        (
            {**MINIMAL, "indices": [{"code": "x", "title": "X", "method": "composite"}]},
            "needs components",
        ),
        (
            {
                **MINIMAL,
                "indices": [
                    {"code": "x", "title": "X", "method": "range",
                     "components": [{"code": "p", "weight": "one third"}]}
                ],
            },
            "not a weight",
        ),
        (
            {
                **MINIMAL,
                "indices": [
                    {"code": "m", "title": "M", "method": "mean", "components": [{"code": "x"}]},
                    {"code": "x", "title": "X", "method": "published"},
                ],
            },
            "not listed before it",
        ),
        (
            {
                **MINIMAL,
                "indices": [{"code": "x", "title": "X", "method": "published"}],
                "classification": {
                    "index": "x",
                    "groups": [{"code": "L", "label": "Low"}, {"code": "H", "label": "High",
                                                              "above": 0.5}],
                },
            },
            "highest group first",
        ),
        ({**MINIMAL, "rank": {"index": "nope"}}, "not an index of this edition"),
        (
            {**MINIMAL, "claims": [{"about": "x", "status": "probably"}]},
            "is not one of",
        ),
    ],
)  # fmt: skip
def test_malformed_definitions_are_refused_with_the_place_of_the_mistake(data, message):
    with pytest.raises(DefinitionError, match=message):
        parse.edition("f", data, "f.editions[1]")


def test_weights_are_exact_fractions():
    assert str(parse.weight("3.5/10", "w")) == "7/20"
    assert str(parse.weight("2/9", "w")) == "2/9"
    assert str(parse.weight(0.35, "w")) == "7/20"
    with pytest.raises(DefinitionError):
        parse.weight("-1", "w")
