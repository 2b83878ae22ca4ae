"""The portal's own indicators: definitions, the latest values and their time series.

The values are computed over public, active datasets only, so they are public too; a
publisher's values are shown only while the publisher is visible to the reader.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from agora.catalog.selectors import organization_get
from agora.core.actor import Actor

from ..errors import BadFilter, BenchmarkNotFound
from ..frameworks import portal_indicators
from ..models import Measurement, MeasurementRun

SCOPES = ("portal", "country", "publisher")


def indicator_definitions() -> dict[str, Any]:
    definitions = portal_indicators()
    return {
        "version": definitions.version,
        "population": definitions.population,
        "sha256": definitions.sha256,
        "indicators": list(definitions.indicators),
    }


def _scoped(actor: Actor, scope: str, key: str | None) -> QuerySet[Measurement]:
    if scope not in SCOPES:
        raise BadFilter(fields={"scope": [f"one of {', '.join(SCOPES)}"]})
    values = Measurement.objects.filter(scope=scope).select_related("country", "organization")
    if scope == "country" and key:
        values = values.filter(country_id=key.upper())
    if scope == "publisher":
        if not key:
            raise BadFilter(fields={"publisher": ["name the publisher (organization name or id)"]})
        values = values.filter(organization=organization_get(actor, key))
    return values


def measurements_latest(
    actor: Actor, *, scope: str = "portal", key: str | None = None
) -> list[Measurement]:
    """The values of the most recent run (one day), for a scope and optionally one key."""
    run = MeasurementRun.objects.first()
    if run is None:
        return []
    return list(_scoped(actor, scope, key).filter(run=run).order_by("country_id", "indicator"))


def measurement_series(
    actor: Actor, *, scope: str, key: str | None, indicator: str | None = None
) -> list[Measurement]:
    """Every measured day of a scope (and key), oldest first."""
    if scope != "portal" and not key:
        raise BadFilter(fields={"key": ["a series of a country or publisher names it"]})
    values = _scoped(actor, scope, key)
    if indicator:
        if indicator not in {i["code"] for i in portal_indicators().indicators}:
            raise BenchmarkNotFound("No such indicator", code="benchmarks.indicator_not_found")
        values = values.filter(indicator=indicator)
    return list(values.order_by("measured_on", "country_id", "indicator"))
