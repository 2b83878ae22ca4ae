"""Highlighted passages and spelling suggestions (engine-independent parts)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agora.search.analysis import tokens
from agora.search.errors import InvalidSearchQuery
from agora.search.highlight import mark, passage
from agora.search.suggest import best_correction, correctable_words, edit_distance
from agora.search.syntax import parse_query, unparse

from .conftest import run

pytestmark = pytest.mark.django_db(databases=[])


def test_matches_are_marked_and_everything_else_escaped():
    text = "<b>Road</b> deaths & injuries"
    matches = [t for t in tokens(text, "en") if t.text == "death"]
    assert mark(text, matches) == "&lt;b&gt;Road&lt;/b&gt; <mark>deaths</mark> &amp; injuries"


def test_a_long_description_is_cut_around_the_first_match():
    text = " ".join(["filler"] * 80) + " rainfall totals " + " ".join(["tail"] * 80)
    matches = [t for t in tokens(text, "en") if t.text == "rainfal"]
    cut = passage(text, matches, length=80)
    assert cut.startswith("… ")
    assert cut.endswith(" …")
    assert "<mark>rainfall</mark>" in cut
    assert len(cut) < 120


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("population", "population", 0), ("popluation", "population", 1),
     ("populaton", "population", 1), ("poplation", "popultion", 2), ("abc", "xyz", 3)],
)  # fmt: skip
def test_edit_distance_counts_a_swap_as_one_edit(a, b, distance):
    assert edit_distance(a, b) == distance


def test_the_closest_frequent_word_is_the_correction():
    titles = ["Population census", "Population by age", "Pollution levels"]
    assert best_correction("popluation", titles) == "population"
    assert best_correction("zzzzzz", titles) is None


def test_only_plain_words_are_corrected():
    node = parse_query('popluation tags:helth "road deaths" budg* -water')
    assert correctable_words(node) == ["popluation"]


@given(st.text(max_size=80))
def test_a_written_back_query_reads_back_the_same(text):
    """What "did you mean" shows can be searched as it is and means the same."""
    try:
        written = unparse(parse_query(text))
    except InvalidSearchQuery:  # hostile input is refused; only round trips here
        return
    assert unparse(parse_query(written)) == written


@pytest.mark.django_db
def test_misspelled_words_get_a_suggestion_from_visible_titles(engine, org):
    from .conftest import make

    make(org, "census", "Population census 2019")
    result = run(q="popluation census", suggest=True)
    assert result.suggestions == ["population census"]
    assert run(q="population census", suggest=True).suggestions == []


@pytest.mark.django_db
def test_results_carry_highlighted_titles_and_snippets(engine, org):
    from .conftest import make

    dataset = make(org, "deaths", "Road deaths", description={"en": "Deaths <on> rural roads."})
    result = run(q="road deaths", highlight=True)
    key = str(dataset.id)
    assert result.highlighted_titles[key] == "<mark>Road</mark> <mark>deaths</mark>"
    assert result.snippets[key] == "<mark>Deaths</mark> &lt;on&gt; rural <mark>roads</mark>."
