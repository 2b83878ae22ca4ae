"""Publish benchmark results as a dataset of the catalogue, with CSV files, so they are
searchable, harvestable and queryable like any other data.

Everything goes through agora.catalog.services with the same actor (no privilege is borrowed):
the actor must be a benchmarks admin and may create or edit the publisher's datasets in the
catalogue (a sysadmin or the system actor of the CLI, or an editor of the publisher). The
publisher is the organization named by AGORA_BENCHMARKS_PUBLISHER; it is created, when
missing, as the UN DESA Division for Public Institutions and Digital Government, which
publishes the E-Government Survey. Files whose bytes did not change are left alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from agora.catalog import services as catalog_services
from agora.catalog.models import Dataset, DistributionState, Organization
from agora.catalog.selectors import dataset_lookup, organization_lookup
from agora.core.actor import Actor
from agora.interop.records import DatasetDraft, DistributionDraft, OrganizationDraft

from ..errors import BenchmarkNotFound
from ..models import Edition, Score
from ..selectors.frameworks import framework_definition
from ..selectors.scores import edition_table
from ..tables.export import csv_text
from .common import require_admin

DATASET_NAME = "un-e-government-survey-egdi"
METHOD_PATH = "/api/v1/benchmarks/frameworks/un-egov/methodology"


def publisher_draft() -> OrganizationDraft:
    return OrganizationDraft(
        name=settings.AGORA_BENCHMARKS_PUBLISHER,
        title={
            "en": "UN DESA Division for Public Institutions and Digital Government",
            "fr": "Division des institutions publiques et du gouvernement numérique (DAES)",
            "es": "División de Instituciones Públicas y Gobierno Digital (DAES)",
        },
        description={
            "en": "The division of the United Nations Department of Economic and Social "
            "Affairs (UN DESA) that conducts the United Nations E-Government Survey "
            "(formerly the Division for Public Administration and Development Management)."
        },
        publisher_type="SupraNationalAuthority",
        homepage="https://publicadministration.un.org/en/",
    )


def _publisher(actor: Actor) -> Organization:
    found = organization_lookup(settings.AGORA_BENCHMARKS_PUBLISHER)
    if found is not None:
        return found
    return catalog_services.organization_create(actor=actor, draft=publisher_draft())


@dataclass(frozen=True)
class ResultFile:
    name: str
    title: str
    description: str
    content: bytes


def _files(editions: list[Edition]) -> list[ResultFile]:
    files = []
    all_rows = []
    for edition in editions:
        table = edition_table(edition, sort="rank")
        rows = table.flat_rows()
        all_rows += rows
        files.append(
            ResultFile(
                name=f"un-egov-{edition.code}.csv",
                title=f"E-Government Survey {edition.code}: EGDI, OSI, TII, HCI, EPI by country",
                description=f"{len(rows)} countries, ranked. {edition.title}.",
                content=csv_text(table.columns, rows).encode("utf-8"),
            )
        )
    columns = edition_table(editions[-1]).columns
    files.insert(
        0,
        ResultFile(
            name="un-egov-all-editions.csv",
            title="E-Government Survey, every edition in one table",
            description="One row per country and edition.",
            content=csv_text(columns, all_rows).encode("utf-8"),
        ),
    )
    return files


def _draft(publisher: Organization, editions: list[Edition], countries: list[str]) -> DatasetDraft:
    first, last = editions[0].year, editions[-1].year
    site = settings.AGORA_SITE_URL
    return DatasetDraft(
        name=DATASET_NAME,
        title={"en": f"United Nations E-Government Development Index (EGDI), {first}-{last}"},
        description={
            "en": (
                "The E-Government Development Index (EGDI) of the United Nations Member States "
                "and its components, the Online Service Index (OSI), the Telecommunication "
                "Infrastructure Index (TII) and the Human Capital Index (HCI), with the "
                f"E-Participation Index (EPI), for every edition of the Survey from {first} to "
                f"{last}.\n\nThe index values and the `published_rank` column are as published "
                "by UN DESA in the E-Government Knowledgebase Data Center "
                "(https://publicadministration.un.org/egovkb/en-us/Data-Center). The columns "
                "`rank`, `group` (Very High, High, Middle, Low EGDI) and `rating_class` are "
                "computed by Agora with the rules of each edition; columns ending in `_source` "
                "say whether a value is published or computed. How each is computed, and which "
                f"parts of the method are confirmed: {site}{METHOD_PATH} .\n\n(c) United "
                "Nations; governed by the United Nations website terms of use. No open licence."
            )
        },
        organization=publisher.name,
        tags=["e-government", "egdi", "benchmark", "united-nations", "digital-government"],
        themes=["GOVE"],
        licence="other-closed",
        countries=countries,
        languages=["en"],
        temporal_start=dt.date(first, 1, 1),
        temporal_end=dt.date(last, 12, 31),
        frequency="BIENNIAL",
        contact_name="UN DESA Division for Public Institutions and Digital Government",
        contact_url="https://publicadministration.un.org/egovkb/en-us/Data-Center",
        landing_page="https://publicadministration.un.org/egovkb/en-us/Data-Center",
        extras={"agora_benchmark": "un-egov"},
    )


def _sync_files(actor: Actor, dataset: Dataset, files: list[ResultFile]) -> int:
    """Upload each file whose bytes changed (a new version) or that is new; count uploads."""
    current = {d.file_name: d for d in dataset.distributions.filter(state=DistributionState.ACTIVE)}
    uploads = 0
    for file in files:
        upload = SimpleUploadedFile(file.name, file.content, "text/csv")
        draft = DistributionDraft(title=file.title, description=file.description, format="CSV")
        existing = current.get(file.name)
        if existing is None:
            catalog_services.distribution_create(
                actor=actor, dataset=dataset, draft=draft, upload=upload
            )
        elif existing.checksum_sha256 != hashlib.sha256(file.content).hexdigest():
            catalog_services.distribution_update(
                actor=actor, distribution=existing, draft=draft, upload=upload
            )
        else:
            continue
        uploads += 1
    return uploads


@transaction.atomic
def results_publish(*, actor: Actor, framework: str = "un-egov") -> tuple[Dataset, int]:
    """Create or update the results dataset; return it and the number of files uploaded."""
    require_admin(actor, "publish benchmark results")
    if framework != "un-egov":
        raise BenchmarkNotFound("Only the UN E-Government Survey results are published for now.")
    framework_definition(framework)
    scored = Score.objects.filter(edition__framework_id=framework).values("edition_id")
    editions = list(Edition.objects.filter(id__in=scored).order_by("year"))
    if not editions:
        raise BenchmarkNotFound("Nothing to publish: import and score an edition first.")
    countries = sorted(
        set(Score.objects.filter(edition__in=editions).values_list("country_id", flat=True))
    )
    publisher = _publisher(actor)
    draft = _draft(publisher, editions, countries)
    dataset = dataset_lookup(DATASET_NAME)
    if dataset is None:
        dataset = catalog_services.dataset_create(actor=actor, draft=draft)
    else:
        dataset = catalog_services.dataset_update(actor=actor, dataset=dataset, draft=draft)
    uploads = _sync_files(actor, dataset, _files(editions))
    return dataset, uploads
