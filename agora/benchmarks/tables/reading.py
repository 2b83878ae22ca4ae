"""Shared steps of reading a benchmark CSV: decoding, the header, numbers, country names,
duplicates and ranges, each reported with its line and column."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator, Mapping, Sequence

from .countries import CountryResolver
from .report import WARNING, Cell, ImportReport, Row

COUNTRY_PROBLEMS = {
    "unknown": ("unknown_country", "no country has this name; give an alias (NAME=ISO3)"),
    "ambiguous": ("ambiguous_country", "this name stands for several countries"),
    "historical": ("historical_country", "this state no longer exists"),
}


def decode(content: bytes, report: ImportReport) -> str | None:
    """UTF-8 (with or without a byte-order mark); anything else is refused, never guessed."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        report.add("encoding", f"the file is not UTF-8 (byte {error.start})")
        return None
    if not text.strip():
        report.add("empty", "the file is empty")
        return None
    return text


def rows(text: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and the data rows with their line numbers (1 is the header)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]

    def numbered() -> Iterator[tuple[int, list[str]]]:
        for line, row in enumerate(reader, start=2):
            if any(cell.strip() for cell in row):
                yield line, row

    return header, numbered()


def number(text: str, report: ImportReport, line: int, column: str) -> Cell | None:
    cleaned = text.strip()
    try:
        value = float(cleaned)
    except ValueError:
        report.add("not_a_number", "not a number", line=line, column=column, value=text)
        return None
    if not math.isfinite(value):
        report.add("not_a_number", "not a finite number", line=line, column=column, value=text)
        return None
    return Cell(value, cleaned)


def country(name: str, resolver: CountryResolver, report: ImportReport, line: int) -> str | None:
    resolution = resolver.resolve(name)
    if resolution.code is not None:
        if resolution.status == "alias":
            report.aliased[name.strip()] = resolution.code
        return resolution.code
    kind, message = COUNTRY_PROBLEMS[resolution.status]
    detail = resolution.note or (
        f"candidates: {', '.join(resolution.candidates)}" if resolution.candidates else ""
    )
    report.add(
        kind,
        f"{message}{': ' + detail if detail else ''}",
        line=line,
        column="country",
        value=name,
    )
    return None


def check_range(
    cell: Cell,
    bounds: tuple[float | None, float | None],
    report: ImportReport,
    line: int,
    column: str,
) -> None:
    low, high = bounds
    if (low is not None and cell.value < low) or (high is not None and cell.value > high):
        shown = f"[{'' if low is None else f'{low:g}'}, {'' if high is None else f'{high:g}'}]"
        report.add(
            "out_of_range",
            f"outside the valid range {shown} of this edition",
            line=line,
            column=column,
            value=cell.text,
        )


def check_duplicates(report: ImportReport) -> None:
    """A country may appear once per edition; every repeat is an error naming both lines."""
    first: dict[tuple[str, str], Row] = {}
    for row in report.rows:
        key = (row.edition, row.country)
        if key in first:
            report.add(
                "duplicate_country",
                f"{row.country} appears again in edition {row.edition} "
                f"(first on line {first[key].line})",
                line=row.line,
                column="country",
                value=row.name,
            )
        else:
            first[key] = row


def unexpected(
    header: Sequence[str], known: Mapping[str, str] | set[str], report: ImportReport
) -> None:
    for column in header:
        if column and column not in known:
            report.add(
                "unexpected_column",
                "column not used by this import",
                column=column,
                severity=WARNING,
            )
