"""The UN E-Government Knowledgebase Data Center export, any edition.

The export is one CSV per survey year with this header:
`Survey Year,Country Name,E-Government Rank,E-Government Index,E-Participation Index,
Online Service Index,Human Capital Index,Telecommunication Infrastructure Index`, UTF-8, the
UN's current short names for every year. The published values are kept as written (their
text) beside the number, so a reproduced value can be compared at the published precision.
A row without a rank is a country the edition did not assess (not yet a Member State); it
is skipped, with a warning, when the edition's definition says so, and is an error otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..scoring.spec import EditionSpec
from .countries import CountryResolver
from .reading import check_duplicates, check_range, country, decode, number, rows, unexpected
from .report import WARNING, ImportReport, Row

KIND = "un-egov-export"
YEAR, NAME, RANK = "Survey Year", "Country Name", "E-Government Rank"
INDEX_COLUMNS = {
    "E-Government Index": "egdi",
    "E-Participation Index": "epi",
    "Online Service Index": "osi",
    "Human Capital Index": "hci",
    "Telecommunication Infrastructure Index": "tii",
}
HEADER = (YEAR, NAME, RANK, *INDEX_COLUMNS)
RANK_CODE = "egdi_rank"


def _check_header(header: list[str], report: ImportReport) -> bool:
    if not set(header) & set(HEADER):
        report.add(
            "wrong_header",
            "this is not a UN Data Center export: expected the columns " + ", ".join(HEADER),
            line=1,
            value=",".join(header)[:200],
        )
        return False
    missing = [c for c in HEADER if c not in header]
    for column in missing:
        report.add("missing_column", "required column is missing", line=1, column=column)
    unexpected(header, set(HEADER), report)
    return not missing


def _edition(
    year: str, editions: Mapping[str, EditionSpec], report: ImportReport, line: int
) -> EditionSpec | None:
    spec = editions.get(year.strip())
    if spec is None:
        report.add(
            "unknown_edition",
            "no definition for this edition: add its file under "
            "agora/benchmarks/frameworks/un-egov/editions/ first",
            line=line,
            column=YEAR,
            value=year,
        )
    return spec


def _row(
    cells: dict[str, str],
    line: int,
    editions: Mapping[str, EditionSpec],
    resolver: CountryResolver,
    report: ImportReport,
) -> None:
    spec = _edition(cells.get(YEAR, ""), editions, report, line)
    code = country(cells.get(NAME, ""), resolver, report, line)
    if spec is None or code is None:
        return
    if not cells.get(RANK, "").strip():
        if code in spec.not_assessed:
            report.add(
                "not_assessed",
                f"skipped: {spec.not_assessed[code]}",
                line=line,
                column=RANK,
                severity=WARNING,
            )
            return
        report.add("missing_value", "the rank is empty", line=line, column=RANK)
        return
    row = Row(line=line, edition=spec.code, country=code, name=cells[NAME].strip())
    rank = number(cells[RANK], report, line, RANK)
    if rank is not None:
        row.values[RANK_CODE] = rank
    for column, index in INDEX_COLUMNS.items():
        if not cells.get(column, "").strip():
            report.add("missing_value", "the value is empty", line=line, column=column)
            continue
        cell = number(cells[column], report, line, column)
        if cell is not None:
            check_range(cell, spec.index(index).valid_range, report, line, column)
            row.values[index] = cell
    report.rows.append(row)


def parse_un_export(
    content: bytes,
    *,
    editions: Mapping[str, EditionSpec],
    resolver: CountryResolver,
    file_name: str = "",
) -> ImportReport:
    """Read an export; the report says whether it may be imported (no errors) and why not."""
    report = ImportReport(kind=KIND, file_name=file_name)
    text = decode(content, report)
    if text is None:
        return report
    header, data = rows(text)
    if not _check_header(header, report):
        return report
    for line, values in data:
        report.rows_read += 1
        if len(values) != len(header):
            report.add(
                "wrong_header",
                f"{len(values)} cells where the header has {len(header)}",
                line=line,
            )
            continue
        _row(dict(zip(header, values, strict=True)), line, editions, resolver, report)
    check_duplicates(report)
    if report.rows_read == 0:
        report.add("empty", "the file has a header but no rows")
    return report
