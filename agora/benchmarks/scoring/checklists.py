"""Checklist scoring (Open Data Barometer datasets, Global Open Data Index entries) and
points-based dimensions (EU Open Data Maturity).

An answer is "yes", "no" or None (not asked, unsure, not applicable). A question scores its
points when answered yes and every question it `requires` is yes too (the ODB's chaining
since its 2nd edition: nothing past "machine-readable" counts for data that is not); a "no"
adds its `penalty_if_no` (the ODB's -5 for data that is out of date, from 2014).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .normalise import round_half_up
from .spec import Checklist, Dimension

Answer = str | None
YES, NO = "yes", "no"


def checklist_points(answers: Mapping[str, Answer], checklist: Checklist) -> int:
    total = 0
    for question in checklist.questions:
        if not question.scored:
            continue
        answer = answers.get(question.code)
        if answer == YES and all(answers.get(r) == YES for r in question.requires):
            total += question.points
        elif answer == NO:
            total += question.penalty_if_no
    return total


def checklist_is_open(answers: Mapping[str, Answer], checklist: Checklist) -> bool:
    """Open when every question of `open_when` is answered yes (ODB: c, d, e, f)."""
    return bool(checklist.open_when) and all(answers.get(q) == YES for q in checklist.open_when)


def place_score(item_points: Sequence[int], checklist: Checklist, item_count: int) -> int:
    """A place's percentage: its items' points over the maximum for `item_count` items,
    rounded half up to an integer (GODI 2013-2015: the sum over 10 or 13 datasets)."""
    maximum = checklist.max_points * item_count
    if maximum <= 0:
        raise ValueError("a place score needs a positive maximum")
    return int(round_half_up(100 * sum(item_points) / maximum, 0))


@dataclass(frozen=True)
class DimensionScore:
    code: str
    points: float
    max_points: int

    @property
    def percent(self) -> Decimal:
        return round_half_up(100 * self.points / self.max_points, 2)


def dimension_scores(
    points: Mapping[str, float], dimensions: Sequence[Dimension]
) -> list[DimensionScore]:
    """Points per dimension as a share of its maximum (ODM: Policy 640, Impact 600, ...)."""
    return [DimensionScore(d.code, float(points[d.code]), d.max_points) for d in dimensions]


def overall_percentages(scores: Sequence[DimensionScore]) -> dict[str, Decimal]:
    """The two overall readings of ODM, since which one the report uses is not published:
    the mean of the dimension percentages, and total points over total maximum."""
    mean = sum(100 * s.points / s.max_points for s in scores) / len(scores)
    share = 100 * sum(s.points for s in scores) / sum(s.max_points for s in scores)
    return {
        "mean_of_dimensions": round_half_up(mean, 2),
        "total_points_share": round_half_up(share, 2),
    }
