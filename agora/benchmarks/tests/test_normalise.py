"""Properties of the normalisation, ranking and classification every index relies on."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

from agora.benchmarks.scoring.normalise import (
    capped,
    composite,
    minmax,
    round_half_up,
    zscores,
)
from agora.benchmarks.scoring.ranking import classify, competition_ranks
from agora.benchmarks.scoring.spec import Classification, Component, Group

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
values = st.lists(finite, min_size=2, max_size=60)
scale = st.floats(min_value=1e-3, max_value=1e3)
shift = st.floats(min_value=-1e4, max_value=1e4)


def _spread(xs: list[float]) -> bool:
    return max(xs) - min(xs) > 1e-6 * max(1.0, max(abs(x) for x in xs))


@given(values)
def test_minmax_reaches_exactly_zero_and_one(xs):
    assume(_spread(xs))
    scaled = minmax(xs)
    assert min(scaled) == 0.0
    assert max(scaled) == 1.0
    assert all(0.0 <= s <= 1.0 for s in scaled)


@given(values)
def test_minmax_preserves_order(xs):
    assume(_spread(xs))
    scaled = minmax(xs)
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    assert [scaled[i] for i in order] == sorted(scaled)


@given(values, scale, shift)
def test_minmax_does_not_depend_on_units(xs, a, b):
    assume(_spread(xs))
    converted = [a * x + b for x in xs]
    assume(_spread(converted))
    for left, right in zip(minmax(xs), minmax(converted), strict=True):
        assert math.isclose(left, right, abs_tol=1e-6)


def test_minmax_of_equal_values_is_all_zero():
    assert minmax([3.0, 3.0, 3.0]) == [0.0, 0.0, 0.0]
    assert minmax([]) == []


@given(values)
def test_zscores_have_mean_zero_and_unit_spread(xs):
    assume(_spread(xs))
    z = zscores(xs)
    assert math.isclose(sum(z) / len(z), 0.0, abs_tol=1e-6)
    assert math.isclose(sum(v * v for v in z) / len(z), 1.0, rel_tol=1e-6)


def test_cap_applies_before_standardising():
    assert capped([50.0, 130.0, 121.0], 120) == [50.0, 120.0, 120.0]
    assert capped([130.0], None) == [130.0]


countries = st.lists(
    st.tuples(finite, finite, finite), min_size=3, max_size=40, unique_by=lambda t: t[0]
)
COMPONENTS = (
    Component("a", weight=Fraction(1, 3)),
    Component("b", weight=Fraction(2, 9)),
    Component("c", weight=Fraction(4, 9)),
)


def _inputs(rows):  # type: ignore[no-untyped-def]
    return {f"C{n:03d}": {"a": a, "b": b, "c": c} for n, (a, b, c) in enumerate(rows)}


@given(countries, scale, shift, scale, shift)
def test_composite_is_invariant_to_the_units_of_each_component(rows, a1, b1, a2, b2):
    inputs = _inputs(rows)
    columns = [[v[k] for v in inputs.values()] for k in "abc"]
    assume(all(_spread(col) for col in columns))
    base = composite(inputs, COMPONENTS)
    assume(_spread(list(base.values())))
    converted = {
        c: {"a": a1 * v["a"] + b1, "b": a2 * v["b"] + b2, "c": v["c"]} for c, v in inputs.items()
    }
    again = composite(converted, COMPONENTS)
    for country in inputs:
        assert math.isclose(base[country], again[country], abs_tol=1e-6)


@given(countries)
def test_composite_reaches_zero_and_one(rows):
    inputs = _inputs(rows)
    result = composite(inputs, COMPONENTS)
    assume(_spread(list(result.values())))
    assert min(result.values()) == 0.0
    assert max(result.values()) == 1.0


@given(st.lists(finite, min_size=3, max_size=40, unique=True))
def test_a_single_component_composite_keeps_the_order_of_its_input(xs):
    assume(_spread(xs))
    inputs = {f"C{n:03d}": {"a": x} for n, x in enumerate(xs)}
    result = composite(inputs, (Component("a"),))
    ordered = sorted(inputs, key=lambda c: inputs[c]["a"])
    assert [result[c] for c in ordered] == sorted(result.values())


def test_lower_is_better_components_are_turned_around():
    inputs = {"X": {"price": 1.0}, "Y": {"price": 5.0}, "Z": {"price": 3.0}}
    result = composite(inputs, (Component("price", direction=-1),))
    assert result == {"X": 1.0, "Y": 0.0, "Z": 0.5}


@given(st.dictionaries(st.text(min_size=1, max_size=3), finite, min_size=1, max_size=40))
def test_competition_ranks_share_ties_and_skip_after_them(scores):
    ranks = competition_ranks(scores)
    for key, value in scores.items():
        assert ranks[key] == 1 + sum(1 for v in scores.values() if v > value)


def test_ranks_round_half_up_when_asked():
    assert competition_ranks({"a": 11.5, "b": 12.49, "c": 11.4}, decimals=0) == {
        "a": 1,
        "b": 1,
        "c": 3,
    }
    assert round_half_up(0.125, 2) == round_half_up(0.13, 2)
    assert str(round_half_up(2.5, 0)) == "3"


GROUPS = Classification(
    index="egdi",
    groups=(
        Group("VH", "Very High", 0.75, ("VH", "V3", "V2", "V1")),
        Group("H", "High", 0.5, ("HV", "H3", "H2", "H1")),
        Group("L", "Low", float("-inf"), ("LM", "L3", "L2", "L1")),
    ),
    rating_classes=True,
)


def test_groups_have_exclusive_lower_bounds():
    result = classify({"on": 0.75, "above": 0.7501, "half": 0.5, "low": 0.1}, GROUPS)
    assert result["on"][0] == "H"
    assert result["above"][0] == "VH"
    assert result["half"][0] == "L"


@given(st.integers(min_value=1, max_value=80))
def test_rating_classes_split_a_group_into_quarters_best_first(n):
    values = {f"C{i:03d}": 0.76 + i / 1000 for i in range(n)}
    labels = [classify(values, GROUPS)[c][1] for c in sorted(values, key=values.get, reverse=True)]
    assert labels == sorted(labels, key=["VH", "V3", "V2", "V1"].index)
    assert labels.count("VH") == math.ceil(n / 4) or n < 4
    counts = [labels.count(label) for label in ("VH", "V3", "V2", "V1")]
    assert max(counts) - min(c for c in counts if c) <= 1
