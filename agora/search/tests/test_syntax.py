"""Parsing the Lucene/Solr syntax CKAN clients send, including hostile input."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agora.search.errors import InvalidSearchQuery
from agora.search.query import And, MatchAll, Not, Or, Phrase, Term
from agora.search.syntax import MAX_TERMS, parse_query


@pytest.mark.parametrize("text", ["", "   ", "*:*", "*"])
def test_everything(text):
    assert parse_query(text) == MatchAll()


def test_terms_are_anded():
    assert parse_query("water quality") == And((Term("water"), Term("quality")))


def test_phrases_fields_and_prefixes():
    assert parse_query('"air quality"') == Phrase("air quality")
    assert parse_query("tags:health") == Term("health", "tags")
    assert parse_query('title:"road deaths"') == Phrase("road deaths", "title")
    assert parse_query("popul*") == Term("popul", prefix=True)


def test_boolean_operators_and_grouping():
    assert parse_query("water OR air") == Or((Term("water"), Term("air")))
    assert parse_query("water AND NOT air") == And((Term("water"), Not(Term("air"))))
    assert parse_query("water -air +soil") == And((Term("water"), Not(Term("air")), Term("soil")))
    assert parse_query("(water OR air) soil") == And(
        (Or((Term("water"), Term("air"))), Term("soil"))
    )
    assert parse_query("tags:(a OR b)") == Or((Term("a", "tags"), Term("b", "tags")))
    assert parse_query("water && !air || soil") == Or(
        (And((Term("water"), Not(Term("air")))), Term("soil"))
    )


@pytest.mark.parametrize(
    "text", ['"unbalanced', "((((", "))) water", "tags:", "AND OR NOT", "-", '"', "a:b:c"]
)
def test_broken_input_still_parses(text):
    parse_query(text)


def test_control_characters_are_dropped():
    assert parse_query("wa\x00ter\x1f") == And((Term("wa"), Term("ter")))


def test_too_many_terms_is_a_clear_error():
    with pytest.raises(InvalidSearchQuery):
        parse_query(" ".join(["w"] * (MAX_TERMS + 1)))


def test_deep_nesting_is_a_clear_error():
    with pytest.raises(InvalidSearchQuery):
        parse_query("(" * 200 + "x" + ")" * 200)


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_any_text_parses_or_fails_cleanly(text):
    with contextlib.suppress(InvalidSearchQuery):
        parse_query(text)
