"""What the benchmark routers share: errors, the `format` parameter, CSV responses."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpResponse
from ninja import Schema
from pydantic import Field

from agora.benchmarks.tables.export import csv_text

from ..schemas import Problem

ERRORS = {400: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}
Format = Literal["json", "csv"]


class FormatQuery(Schema):
    format: Format = Field("json", description="json (default) or csv")


def csv_response(columns: list[str], rows: list[dict[str, Any]], name: str) -> HttpResponse:
    response = HttpResponse(csv_text(columns, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def table(fmt: str, rows: list[dict[str, Any]], name: str, columns: list[str] | None = None):  # type: ignore[no-untyped-def]
    """The rows as JSON, or as CSV when asked (columns default to the first row's keys)."""
    if fmt == "csv":
        return csv_response(columns or (list(rows[0]) if rows else []), rows, name)
    return rows
