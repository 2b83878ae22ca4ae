"""Importing benchmark tables over the API (benchmarks admins): the same service as
`agora benchmarks import`, so a file is imported whole or not at all."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import Field

from agora.benchmarks import services

from ..security import actor
from .common import ERRORS

router = Router(tags=["benchmarks: imports"])


class ImportIn(Schema):
    kind: str = Field(description="un-egov-export or raw-indicators")
    framework: str = "un-egov"
    edition: str | None = Field(None, description="The edition of a raw indicator table")
    aliases: str = Field("", description="NAME=ISO3 pairs, one per line")
    dry_run: bool = Field(False, description="Check and report only")


class ImportOut(Schema):
    imported: bool
    batch: str | None
    report: dict[str, Any] = Field(description="Every problem found, by line and column")


@router.post("/benchmarks/imports", response={201: ImportOut, 200: ImportOut, **ERRORS},
             operation_id="benchmarks_import")  # fmt: skip
def import_table(request: HttpRequest, payload: Form[ImportIn], file: File[UploadedFile]):  # type: ignore[no-untyped-def]
    """Import a UN Data Center export or a raw indicator table. A file with any error is
    refused with 422 and its report; nothing is changed."""
    aliases = dict(line.split("=", 1) for line in payload.aliases.splitlines() if "=" in line)
    outcome = services.observations_import(
        actor=actor(request),
        kind=payload.kind,
        content=file.read(),
        framework=payload.framework,
        edition=payload.edition,
        file_name=file.name or "",
        aliases=aliases,
        dry_run=payload.dry_run,
    )
    body = {
        "imported": outcome.batch is not None,
        "batch": str(outcome.batch.id) if outcome.batch else None,
        "report": outcome.report.as_dict(),
    }
    return Status(201 if outcome.batch else 200, body)
