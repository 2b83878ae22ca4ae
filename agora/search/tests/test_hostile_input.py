"""Hostile queries end to end: every engine answers or refuses clearly, never crashes."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agora.search.errors import InvalidSearchQuery
from agora.search.syntax import MAX_TERMS

from .conftest import found, make, run

pytestmark = pytest.mark.django_db

# Each hostile query and what it finds in a catalogue of one dataset, "Air quality": the
# readable part of the query is honoured, the rest is ignored, nothing crashes or leaks.
HOSTILE = [
    ('"unbalanced', []),
    ('"air quality', ["air-quality"]),
    ("((((air", ["air-quality"]),
    ("))) air", ["air-quality"]),
    ("air\x00\x01\x1f quality", ["air-quality"]),
    ("air\u200b\ufeff quality\r\n", ["air-quality"]),
    ("tags:", []),
    ("AND OR NOT", ["air-quality"]),
    ("'; DROP TABLE search_document; --", []),
    ("title:'", []),
    ("\\", ["air-quality"]),
    ("*", ["air-quality"]),
    ("a" * 5000, []),
    ("air " + "x" * 45, ["air-quality"]),  # a word too long to be indexed is no word
    ("ﷺ 𝕬𝖎𝖗 \u202e quality", []),
    ("air:* *:air", ["air-quality"]),
]


@pytest.fixture
def small(engine, org) -> None:
    make(org, "air-quality", "Air quality")


@pytest.mark.parametrize(("text", "expected"), HOSTILE)
def test_hostile_queries_are_answered(small, text, expected):
    result = run(q=text, facets=("tags",), suggest=True, highlight=True, limit=10)
    assert found(text) == expected
    assert result.total == len(expected)


def test_ten_thousand_terms_are_refused_clearly(small):
    with pytest.raises(InvalidSearchQuery):
        run(q=" ".join(["air"] * 10_000))
    assert found(" ".join(["air"] * (MAX_TERMS // 4))) == ["air-quality"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_any_text_is_answered_or_refused_cleanly(small, text):
    with contextlib.suppress(InvalidSearchQuery):
        assert run(q=text).total >= 0
