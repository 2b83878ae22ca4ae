"""Load the demo catalogue through the catalogue services, as the system actor, idempotently.

Organizations and datasets are looked up by name first and left alone when they exist, so a
second run creates nothing (and a run that stopped half-way finishes the rest). Each dataset
is created with its uploads in one transaction: the catalogue never holds a demo dataset
without its files.
"""

from __future__ import annotations

import time
from types import ModuleType

from django.db import transaction

from agora.catalog import services
from agora.catalog.selectors import dataset_lookup, organization_lookup
from agora.core.actor import SYSTEM

from . import (
    census_counties,
    cldr,
    coco,
    gapminder,
    geonames,
    isocodes,
    plotly_samples,
    tzdb,
    vega_federal,
    vega_history,
)
from .organizations import organization_drafts
from .packages import SourceUnavailable
from .report import DemoReport
from .specs import Builder, DemoDataset

# Each module turns one package's files into datasets (see its docstring for the provenance).
SOURCES: tuple[ModuleType, ...] = (
    isocodes,
    gapminder,
    vega_federal,
    vega_history,
    coco,
    plotly_samples,
    cldr,
    tzdb,
    geonames,
    census_counties,
)


def load_demo() -> DemoReport:
    """Build (or complete) the demo catalogue and say what was created and what was there."""
    started = time.perf_counter()
    report = DemoReport()
    _ensure_organizations(report)
    for source in SOURCES:
        for build in _builders(source, report):
            _ensure_dataset(build, report)
    report.seconds = time.perf_counter() - started
    return report


def _ensure_organizations(report: DemoReport) -> None:
    for draft in organization_drafts():
        if organization_lookup(draft.name) is not None:
            report.organizations_present += 1
            continue
        services.organization_create(actor=SYSTEM, draft=draft)
        report.organizations_created += 1


def _builders(source: ModuleType, report: DemoReport) -> list[Builder]:
    """A source whose package is not installed is skipped and reported, not fatal."""
    try:
        return list(source.builders())
    except SourceUnavailable as error:
        report.skipped_sources.append(str(error))
        return []


def _ensure_dataset(build: Builder, report: DemoReport) -> None:
    try:
        spec = build()
    except SourceUnavailable as error:
        report.skipped_sources.append(str(error))
        return
    if dataset_lookup(spec.draft.name) is not None:
        report.datasets_present += 1
        return
    _create(spec)
    report.datasets_created += 1
    report.files_uploaded += len(spec.files)
    report.bytes_uploaded += sum(len(file.content) for file in spec.files)


@transaction.atomic
def _create(spec: DemoDataset) -> None:
    dataset = services.dataset_create(actor=SYSTEM, draft=spec.draft)
    for file in spec.files:
        services.distribution_create(
            actor=SYSTEM, dataset=dataset, draft=file.draft(), upload=file.upload()
        )
