"""Ranks, groups and rating classes.

Standard competition ranking ("1224"): equal values share a rank and the next rank skips.
Groups are fixed value bands (the UN's Very High / High / Middle / Low EGDI at 0.75 / 0.50 /
0.25, lower bound exclusive). Rating classes split each group into quarters by the number of
countries in it, best first: with n countries in a group, the country at competition rank r
within the group falls in quarter floor(4 * (r - 1) / n). That rule reproduces the published
2022 Very High class (the top 15 of 60) and Togo's "M2" in 2024; how the UN splits a group
whose size is not a multiple of four is not published (see the edition files), and the rule
gives the top class ceil(n / 4) countries in that case.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .normalise import round_half_up
from .spec import Classification, Group


def competition_ranks(values: Mapping[str, float], decimals: int | None = None) -> dict[str, int]:
    """Rank 1 for the highest value; ties (after optional half-up rounding) share a rank."""
    keyed: dict[str, Decimal] = {
        key: round_half_up(v, decimals) if decimals is not None else Decimal(repr(v))
        for key, v in values.items()
    }
    ordered = sorted(keyed.values(), reverse=True)
    first: dict[Decimal, int] = {}
    for position, value in enumerate(ordered, start=1):
        first.setdefault(value, position)
    return {key: first[value] for key, value in keyed.items()}


def group_of(value: float, classification: Classification) -> Group:
    for group in classification.groups:
        if value > group.above:
            return group
    return classification.groups[-1]


def classify(
    values: Mapping[str, float], classification: Classification
) -> dict[str, tuple[str, str]]:
    """country -> (group code, rating class or "") for every country with a value."""
    members: dict[str, dict[str, float]] = {}
    for country, value in values.items():
        members.setdefault(group_of(value, classification).code, {})[country] = value
    result: dict[str, tuple[str, str]] = {}
    for group in classification.groups:
        inside = members.get(group.code, {})
        ranks = competition_ranks(inside)
        for country in inside:
            label = ""
            if classification.rating_classes:
                label = group.classes[(4 * (ranks[country] - 1)) // len(inside)]
            result[country] = (group.code, label)
    return result
