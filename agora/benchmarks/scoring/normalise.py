"""Normalisation shared by the composite indices: caps, z-scores and min-max scaling.

The UN recipe for OSI, TII and HCI is: for each indicator, z = (x - mean) / sd over the
assessed countries; composite = sum of weight * z; index = (composite - min) / (max - min).
Because the mean cancels in the min-max step and the standard deviation only rescales, the
result does not depend on the units of the inputs (or on population vs sample sd); the
property tests in tests/test_normalise.py hold the code to that. A cap (the 120 cut-off on
subscriptions per 100 inhabitants since the 2020 Survey) is applied before standardising.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from .spec import Component


def capped(values: Sequence[float], cap: float | None) -> list[float]:
    return list(values) if cap is None else [min(v, cap) for v in values]


def zscores(values: Sequence[float]) -> list[float]:
    """(x - mean) / population sd; all zeros when every value is the same."""
    n = len(values)
    if n == 0:
        return []
    mean = math.fsum(values) / n
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / n)
    if sd == 0 or not math.isfinite(sd):
        return [0.0] * n
    return [(v - mean) / sd for v in values]


def minmax(values: Sequence[float]) -> list[float]:
    """(x - min) / (max - min): the lowest becomes 0 and the highest 1.

    With fewer than two distinct values there is no range: every value becomes 0.0.
    """
    if not values:
        return []
    low, high = min(values), max(values)
    if high == low:
        return [0.0] * len(values)
    span = high - low
    return [min(1.0, max(0.0, (v - low) / span)) for v in values]


def composite(
    inputs: Mapping[str, Mapping[str, float]], components: Sequence[Component]
) -> dict[str, float]:
    """Cap, z-score and weight each component, sum per country, then min-max the sums.

    `inputs` is country -> component code -> value and must hold every component for every
    country (the caller checks completeness: z-scores over a partial set are meaningless).
    """
    countries = sorted(inputs)
    totals = [0.0] * len(countries)
    for component in components:
        column = capped([float(inputs[c][component.code]) for c in countries], component.cap)
        weight = float(component.weight) * component.direction
        for n, z in enumerate(zscores(column)):
            totals[n] += weight * z
    return dict(zip(countries, minmax(totals), strict=True))


def range_normalised(points: Mapping[str, float]) -> dict[str, float]:
    """Point totals scaled by the range over the assessed countries (OSI until 2020, EPI)."""
    countries = sorted(points)
    return dict(zip(countries, minmax([float(points[c]) for c in countries]), strict=True))


def round_half_up(value: float, decimals: int) -> Decimal:
    """Round as published tables do (0.5 goes up), not as Python's round() does (to even)."""
    step = Decimal(1).scaleb(-decimals)
    return Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP)
