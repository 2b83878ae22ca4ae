"""Import a benchmark table: all of it in one transaction, or nothing.

The file is parsed by a registered importer (pure); if the report has any error the import
is refused with the full report and nothing changes. Otherwise, in one transaction: an import
batch (file name, SHA-256, report), the observations (a UN export replaces every published
value of its editions; a raw table replaces the raw inputs of its columns in its edition), an
audit entry, and a new scoring of every edition touched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction

from agora.catalog.models import Country
from agora.core.actor import Actor

from .. import importers
from ..errors import BadFilter, ImportRejected
from ..models import Edition, ImportBatch, Observation, ScoringRun
from ..tables.countries import CountryResolver
from ..tables.report import ImportReport
from .common import audit, require_admin
from .scoring import edition_score


@dataclass
class ImportOutcome:
    report: ImportReport
    batch: ImportBatch | None = None
    runs: list[ScoringRun] = field(default_factory=list)


def _check_codes(report: ImportReport) -> None:
    """Codes given as aliases must be countries Agora knows (ISO 3166-1 alpha-3)."""
    codes = {row.country for row in report.rows}
    known = set(Country.objects.filter(code__in=codes).values_list("code", flat=True))
    for row in report.rows:
        if row.country not in known:
            report.add(
                "unknown_country",
                f"{row.country} is not an ISO 3166-1 alpha-3 code Agora knows",
                line=row.line,
                column="country",
                value=row.name,
            )
    report.rows = [row for row in report.rows if row.country in known]


def _replace(
    report: ImportReport, importer: importers.Importer, framework: str, batch: ImportBatch
) -> list[Edition]:
    editions = {
        e.code: e for e in Edition.objects.filter(framework_id=framework, code__in=report.editions)
    }
    missing = sorted(set(report.editions) - set(editions))
    if missing:
        raise BadFilter(
            f"Editions {', '.join(missing)} are defined but not loaded: "
            "run `agora benchmarks sync`.",
            fields={"edition": missing},
        )
    stale = Observation.objects.filter(
        edition__in=editions.values(), kind=importer.observation_kind
    )
    if importer.observation_kind == "raw":
        columns = {code for row in report.rows for code in row.values}
        stale = stale.filter(indicator__in=columns)
    stale.delete()
    Observation.objects.bulk_create(
        Observation(
            edition=editions[row.edition],
            country_id=row.country,
            indicator=code,
            kind=importer.observation_kind,
            value=cell.value,
            value_text=cell.text[:40],
            batch=batch,
        )
        for row in report.rows
        for code, cell in row.values.items()
    )
    return list(editions.values())


def observations_import(
    *,
    actor: Actor,
    kind: str,
    content: bytes,
    framework: str = "un-egov",
    edition: str | None = None,
    file_name: str = "",
    aliases: Mapping[str, str] | None = None,
    dry_run: bool = False,
) -> ImportOutcome:
    """Parse, check and (unless dry_run) import a table; ImportRejected if it has errors."""
    require_admin(actor, "import benchmark tables")
    importer = importers.get(kind)
    resolver = CountryResolver(aliases)
    report = importer.parse(
        content, framework=framework, edition=edition, resolver=resolver, file_name=file_name
    )
    report.sha256 = hashlib.sha256(content).hexdigest()
    _check_codes(report)
    if not report.ok:
        raise ImportRejected(report.as_dict())
    if dry_run:
        return ImportOutcome(report)
    return _write(actor, importer, framework, report)


@transaction.atomic
def _write(
    actor: Actor, importer: importers.Importer, framework: str, report: ImportReport
) -> ImportOutcome:
    batch = ImportBatch.objects.create(
        kind=importer.kind,
        file_name=report.file_name[:255],
        sha256=report.sha256,
        actor_id=actor.user_id,
        actor_name=actor.username,
        rows=len(report.rows),
        report=report.as_dict(),
    )
    editions = _replace(report, importer, framework, batch)
    audit(
        actor,
        "observations.import",
        "import_batch",
        batch.pk,
        kind=importer.kind,
        file_name=batch.file_name,
        sha256=batch.sha256,
        rows=batch.rows,
        editions=report.editions,
    )
    runs = [edition_score(actor=actor, edition=e) for e in editions]
    return ImportOutcome(report, batch, runs)
