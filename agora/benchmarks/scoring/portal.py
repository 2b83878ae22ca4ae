"""Indicators the portal measures on its own catalogue, per country, per publisher and for
the whole portal (pure: the selector turns the catalogue into the facts below).

Only public, active datasets are measured: a share computed over private or draft datasets
would leak their existence through a public number. A dataset belongs to the country of its
publisher (the government that publishes it), not to the countries it covers.

Every indicator states its numerator and denominator, and what it leaves out (datasets with
no expected update interval, links that were not checked) so a reader can see how the value
was computed; the definitions are in frameworks/agora-readiness/indicators.toml.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from agora.interop.vocabularies.formats import FORMATS
from agora.interop.vocabularies.frequencies import EXPECTED_DAYS

PORTAL = "portal"


@dataclass(frozen=True)
class DatasetFacts:
    id: str
    publisher: str
    country: str | None
    licence_open: bool
    formats: tuple[str, ...]  # normalised labels of the active distributions
    present: frozenset[str]  # metadata properties that are filled in
    frequency: str
    reference_date: dt.date | None  # data last changed (modified, else newest file, else issued)
    last_change: dt.datetime  # metadata record last changed


@dataclass(frozen=True)
class SourceFacts:
    """One public harvest source: its publisher, that publisher's country, and whether its
    last finished harvest succeeded (None: it has not finished one yet)."""

    publisher: str
    country: str | None
    healthy: bool | None


@dataclass(frozen=True)
class LinkFacts:
    dataset_id: str
    works: bool | None  # None: not checked


@dataclass(frozen=True)
class IndicatorValue:
    scope: str  # "portal", "country" or "publisher"
    key: str  # "portal", ISO alpha-3, or organization id
    indicator: str
    value: float | None
    numerator: int | None = None
    denominator: int | None = None
    status: str = "ok"  # "ok", "no_data" (nothing to measure), "not_available"
    note: str = ""


@dataclass(frozen=True)
class MeasureContext:
    today: dt.date
    active_days: int
    required_metadata: tuple[str, ...]
    links: Mapping[str, Sequence[LinkFacts]]  # dataset id -> its distributions' link facts
    sources: Sequence[SourceFacts] = ()  # public harvest sources


Share = tuple[int, int, str]  # numerator, denominator, note


def _machine_readable(formats: Iterable[str], *, open_only: bool) -> bool:
    for label in formats:
        facts = FORMATS.get(label)
        if facts and facts.machine_readable and (facts.open or not open_only):
            return True
    return False


def open_licence(datasets: Sequence[DatasetFacts], ctx: MeasureContext) -> Share:
    return sum(d.licence_open for d in datasets), len(datasets), ""


def machine_readable(datasets: Sequence[DatasetFacts], ctx: MeasureContext) -> Share:
    hits = sum(_machine_readable(d.formats, open_only=False) for d in datasets)
    return hits, len(datasets), ""


def open_format(datasets: Sequence[DatasetFacts], ctx: MeasureContext) -> Share:
    hits = sum(_machine_readable(d.formats, open_only=True) for d in datasets)
    return hits, len(datasets), ""


def complete_metadata(datasets: Sequence[DatasetFacts], ctx: MeasureContext) -> Share:
    required = frozenset(ctx.required_metadata)
    return sum(required <= d.present for d in datasets), len(datasets), ""


def is_up_to_date(facts: DatasetFacts, today: dt.date) -> bool | None:
    """None when the frequency promises no interval (irregular, unknown, none)."""
    expected = EXPECTED_DAYS.get(facts.frequency)
    if expected is None:
        return None
    if facts.reference_date is None:
        return False
    return (today - facts.reference_date).days <= math.ceil(expected)


def up_to_date(datasets: Sequence[DatasetFacts], ctx: MeasureContext) -> Share:
    verdicts = [is_up_to_date(d, ctx.today) for d in datasets]
    judged = [v for v in verdicts if v is not None]
    skipped = len(verdicts) - len(judged)
    note = f"{skipped} datasets without an expected update interval left out" if skipped else ""
    return sum(judged), len(judged), note


def working_links(datasets: Sequence[DatasetFacts], ctx: MeasureContext) -> Share:
    facts = [link for d in datasets for link in ctx.links.get(d.id, ())]
    checked = [link.works for link in facts if link.works is not None]
    unchecked = len(facts) - len(checked)
    note = f"{unchecked} distributions not checked" if unchecked else ""
    return sum(bool(w) for w in checked), len(checked), note


SHARES: dict[str, Callable[[Sequence[DatasetFacts], MeasureContext], Share]] = {
    "open_licence": open_licence,
    "machine_readable": machine_readable,
    "open_format": open_format,
    "complete_metadata": complete_metadata,
    "up_to_date": up_to_date,
    "working_links": working_links,
}
COUNTS = ("active_publishers",)
SOURCE_SHARES = ("harvest_health",)
NOT_AVAILABLE: dict[str, str] = {}
INDICATORS = (*SHARES, *COUNTS, *SOURCE_SHARES, *NOT_AVAILABLE)


def harvest_health(sources: Sequence[SourceFacts]) -> Share:
    """Sources whose last finished harvest succeeded, over sources that have finished one."""
    judged = [s.healthy for s in sources if s.healthy is not None]
    waiting = len(sources) - len(judged)
    note = f"{waiting} sources not harvested yet left out" if waiting else ""
    return sum(judged), len(judged), note


def active_publishers(datasets: Sequence[DatasetFacts], ctx: MeasureContext) -> int:
    since = ctx.today - dt.timedelta(days=ctx.active_days)
    return len({d.publisher for d in datasets if d.last_change.date() >= since})


def _measure_scope(
    scope: str,
    key: str,
    datasets: Sequence[DatasetFacts],
    ctx: MeasureContext,
    sources: Sequence[SourceFacts] = (),
) -> list[IndicatorValue]:
    values = []
    shares = [(code, share(datasets, ctx)) for code, share in SHARES.items()]
    shares.append(("harvest_health", harvest_health(sources)))
    for code, (hits, total, note) in shares:
        if total:
            values.append(IndicatorValue(scope, key, code, hits / total, hits, total, "ok", note))
        else:
            values.append(IndicatorValue(scope, key, code, None, 0, 0, "no_data", note))
    if scope != "publisher":
        count = active_publishers(datasets, ctx)
        values.append(IndicatorValue(scope, key, "active_publishers", float(count), count))
    for code, reason in NOT_AVAILABLE.items():
        values.append(IndicatorValue(scope, key, code, None, None, None, "not_available", reason))
    return values


def measure(datasets: Sequence[DatasetFacts], ctx: MeasureContext) -> list[IndicatorValue]:
    """Every indicator for the portal, each publisher's country and each publisher."""
    by_country: dict[str, list[DatasetFacts]] = {}
    by_publisher: dict[str, list[DatasetFacts]] = {}
    for facts in datasets:
        if facts.country:
            by_country.setdefault(facts.country, []).append(facts)
        by_publisher.setdefault(facts.publisher, []).append(facts)
    sources_of_country: dict[str, list[SourceFacts]] = {}
    sources_of_publisher: dict[str, list[SourceFacts]] = {}
    for source in ctx.sources:
        if source.country:
            sources_of_country.setdefault(source.country, []).append(source)
            by_country.setdefault(source.country, [])
        sources_of_publisher.setdefault(source.publisher, []).append(source)
        by_publisher.setdefault(source.publisher, [])
    values = _measure_scope("portal", PORTAL, datasets, ctx, ctx.sources)
    for country in sorted(by_country):
        values += _measure_scope(
            "country", country, by_country[country], ctx, sources_of_country.get(country, ())
        )
    for publisher in sorted(by_publisher):
        values += _measure_scope(
            "publisher",
            publisher,
            by_publisher[publisher],
            ctx,
            sources_of_publisher.get(publisher, ()),
        )
    return values


def country_values(values: Iterable[IndicatorValue], country: str) -> dict[str, float | None]:
    """indicator -> value for one country (the readiness questionnaire's measured answers)."""
    return {v.indicator: v.value for v in values if v.scope == "country" and v.key == country}
