"""Measure the portal's own indicators (nightly: benchmarks.tasks.portal_measure_task and
`agora benchmarks measure`) and keep them as a time series, one run per day.

Only public, active datasets are read (`datasets_visible_to(ANONYMOUS)`), so the public
numbers never depend on private or draft datasets. A second run on the same day replaces
that day's run, which makes the nightly job safe to repeat.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from agora.catalog.models import Dataset, Distribution, DistributionState
from agora.catalog.selectors import datasets_visible_to
from agora.core.actor import ANONYMOUS, Actor
from agora.interop.vocabularies.formats import normalise_format

from .. import linkcheck
from ..frameworks import portal_indicators
from ..models import Measurement, MeasurementRun
from ..scoring.portal import (
    DatasetFacts,
    IndicatorValue,
    LinkFacts,
    MeasureContext,
    SourceFacts,
    measure,
)
from .common import audit, require_admin

CHUNK = 2000


def _public_datasets() -> Iterator[Dataset]:
    distributions = Distribution.objects.filter(state=DistributionState.ACTIVE).select_related(
        "file"
    )
    queryset = (
        datasets_visible_to(ANONYMOUS, include_drafts=False)
        .select_related("organization", "licence")
        .prefetch_related(
            "themes", "tags", "countries", "languages", Prefetch("distributions", distributions)
        )
        .order_by("id")
    )
    return queryset.iterator(chunk_size=CHUNK)


def _present(ds: Dataset, dists: list[Distribution]) -> frozenset[str]:
    checks = {
        "title": any(v.strip() for v in ds.title.values()),
        "description": any(v.strip() for v in (ds.description or {}).values()),
        "licence": ds.licence_id is not None,
        "theme": bool(ds.themes.all()),
        "keyword": bool(ds.tags.all()),
        "contact_point": bool(ds.contact_name or ds.contact_email or ds.contact_url),
        "frequency": ds.frequency not in ("", "UNKNOWN"),
        "temporal_coverage": ds.temporal_start is not None or ds.temporal_end is not None,
        "spatial_coverage": bool(ds.countries.all()) or ds.spatial is not None,
        "language": bool(ds.languages.all()),
        "distribution": bool(dists),
        "distribution_format": bool(dists) and all(d.format for d in dists),
    }
    return frozenset(name for name, ok in checks.items() if ok)


def _reference_date(ds: Dataset, dists: list[Distribution]) -> dt.date | None:
    """When the data last changed: dct:modified, else the newest distribution, else issued."""
    if ds.modified is not None:
        return ds.modified.date()
    if dists:
        return max(d.updated_at for d in dists).date()
    return ds.issued.date() if ds.issued is not None else None


def _facts(ds: Dataset) -> tuple[DatasetFacts, list[linkcheck.DistributionRef]]:
    dists = list(ds.distributions.all())
    facts = DatasetFacts(
        id=str(ds.id),
        publisher=str(ds.organization_id),
        country=ds.organization.country_id,
        licence_open=bool(ds.licence and ds.licence.is_open),
        formats=tuple(normalise_format(d.format) for d in dists if d.format),
        present=_present(ds, dists),
        frequency=ds.frequency,
        reference_date=_reference_date(ds, dists),
        last_change=ds.updated_at,
    )
    refs = [
        linkcheck.DistributionRef(
            id=str(d.id),
            dataset_id=str(ds.id),
            url=d.url,
            file_sha256=d.file.sha256 if d.file else None,
            file_size=d.file.size if d.file else None,
        )
        for d in dists
    ]
    return facts, refs


def collect(
    checker: linkcheck.LinkChecker,
) -> tuple[list[DatasetFacts], dict[str, list[LinkFacts]]]:
    datasets: list[DatasetFacts] = []
    links: dict[str, list[LinkFacts]] = {}
    for ds in _public_datasets():
        facts, refs = _facts(ds)
        datasets.append(facts)
        verdicts = checker.check(refs)
        links[facts.id] = [LinkFacts(r.dataset_id, verdicts.get(r.id)) for r in refs]
    return datasets, links


def collect_sources() -> list[SourceFacts]:
    """Public, active harvest sources with the outcome of their last finished harvest."""
    from agora.harvest.selectors import source_health_facts

    return [
        SourceFacts(publisher=publisher, country=country, healthy=healthy)
        for publisher, country, healthy in source_health_facts()
    ]


def _row(run: MeasurementRun, value: IndicatorValue) -> Measurement:
    return Measurement(
        run=run,
        measured_on=run.measured_on,
        scope=value.scope,
        country_id=value.key if value.scope == "country" else None,
        organization_id=value.key if value.scope == "publisher" else None,
        indicator=value.indicator,
        value=value.value,
        numerator=value.numerator,
        denominator=value.denominator,
        status=value.status,
        note=value.note[:300],
    )


def portal_measure(*, actor: Actor, today: dt.date | None = None) -> MeasurementRun:
    require_admin(actor, "measure the portal")
    started = timezone.now()
    today = today or timezone.localdate()
    definitions = portal_indicators()
    checker = linkcheck.active()
    datasets, links = collect(checker)
    context = MeasureContext(
        today=today,
        active_days=settings.AGORA_BENCHMARKS_ACTIVE_PUBLISHER_DAYS,
        required_metadata=definitions.required_metadata,
        links=links,
        sources=collect_sources(),
    )
    values = measure(datasets, context)
    with transaction.atomic():
        MeasurementRun.objects.filter(measured_on=today).delete()
        run = MeasurementRun.objects.create(
            measured_on=today,
            started_at=started,
            finished_at=timezone.now(),
            definition_version=definitions.version,
            definition_sha256=definitions.sha256,
            link_checker=checker.name,
            datasets=len(datasets),
            actor_name=actor.username,
        )
        Measurement.objects.bulk_create(_row(run, v) for v in values)
        audit(
            actor,
            "portal.measure",
            "measurement_run",
            run.pk,
            measured_on=today.isoformat(),
            datasets=run.datasets,
            values=len(values),
            definition_sha256=run.definition_sha256,
        )
    return run
