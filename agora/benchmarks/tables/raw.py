"""Raw indicator tables: the inputs from which an edition's composite indices are recomputed
(ITU subscriptions for the TII, UNESCO education figures for the HCI, questionnaire point
totals for the OSI and EPI).

Format: a CSV with one row per country, a country column ("Country Name", "Country" or
"ISO3") and one column per raw indicator of the edition, named by its code in the edition's
definition (e.g. internet_users, mobile_cellular, adult_literacy). A column of an index whose
method is not published (e.g. the 2024 TII inputs, whose weights are unknown) is refused:
Agora does not guess a method to use them. An empty cell is a missing value: the index it
feeds is then not recomputed (published values stay), which the scoring run reports.
"""

from __future__ import annotations

from ..scoring.spec import EditionSpec, Method
from .countries import CountryResolver
from .reading import check_duplicates, check_range, country, decode, number, rows
from .report import WARNING, ImportReport, Row

KIND = "raw-indicators"
COUNTRY_COLUMNS = ("Country Name", "Country", "ISO3", "iso3", "country")
EDITION_COLUMNS = ("Survey Year", "edition")


def _blocked(edition: EditionSpec) -> dict[str, str]:
    """Inputs of indices Agora cannot recompute -> the index code."""
    return {
        c.code: i.code
        for i in edition.indices
        if i.method in (Method.COMPOSITE, Method.RANGE, Method.PUBLISHED) and not i.recomputable
        for c in i.components
    }


def _check_columns(header: list[str], edition: EditionSpec, report: ImportReport) -> list[str]:
    """The indicator columns to read; errors for columns that cannot be used."""
    known = {c.code for c in edition.raw_indicators}
    blocked = _blocked(edition)
    columns = []
    for column in header:
        if column in COUNTRY_COLUMNS or column in EDITION_COLUMNS:
            continue
        if column in known:
            columns.append(column)
        elif column in blocked:
            report.add(
                "method_unknown",
                f"the method of {blocked[column]} in edition {edition.code} is not published; "
                "Agora does not recompute it from raw inputs",
                line=1,
                column=column,
            )
        else:
            report.add(
                "unknown_indicator",
                f"not a raw indicator of edition {edition.code}; expected one of "
                + ", ".join(sorted(known)),
                line=1,
                column=column,
            )
    for index in edition.indices:
        codes = {c.code for c in index.components}
        if index.recomputable and codes & set(columns) and not codes <= set(columns):
            missing = ", ".join(sorted(codes - set(columns)))
            report.add(
                "missing_column",
                f"{index.code} needs {missing} too; without them it is not recomputed",
                line=1,
                severity=WARNING,
            )
    return columns


def _read_row(
    cells: dict[str, str],
    line: int,
    country_column: str,
    columns: list[str],
    edition: EditionSpec,
    resolver: CountryResolver,
    report: ImportReport,
) -> None:
    for column in EDITION_COLUMNS:
        if cells.get(column, "").strip() not in ("", edition.code):
            report.add(
                "unknown_edition",
                f"this table is imported as edition {edition.code}",
                line=line,
                column=column,
                value=cells[column],
            )
            return
    code = country(cells[country_column], resolver, report, line)
    if code is None:
        return
    row = Row(line=line, edition=edition.code, country=code, name=cells[country_column].strip())
    bounds = {c.code: c.valid_range for c in edition.raw_indicators}
    for column in columns:
        if not cells.get(column, "").strip():
            report.add("missing_value", "empty", line=line, column=column, severity=WARNING)
            continue
        cell = number(cells[column], report, line, column)
        if cell is not None:
            check_range(cell, bounds[column], report, line, column)
            row.values[column] = cell
    report.rows.append(row)


def parse_raw_table(
    content: bytes, *, edition: EditionSpec, resolver: CountryResolver, file_name: str = ""
) -> ImportReport:
    report = ImportReport(kind=KIND, file_name=file_name)
    text = decode(content, report)
    if text is None:
        return report
    header, data = rows(text)
    country_column = next((c for c in COUNTRY_COLUMNS if c in header), None)
    if country_column is None:
        report.add(
            "missing_column",
            "a country column is required: " + " or ".join(COUNTRY_COLUMNS),
            line=1,
            column="country",
        )
        return report
    columns = _check_columns(header, edition, report)
    if not report.ok:
        return report
    for line, values in data:
        report.rows_read += 1
        if len(values) != len(header):
            report.add(
                "wrong_header", f"{len(values)} cells where the header has {len(header)}", line=line
            )
            continue
        cells = dict(zip(header, values, strict=True))
        _read_row(cells, line, country_column, columns, edition, resolver, report)
    check_duplicates(report)
    if report.rows_read == 0:
        report.add("empty", "the file has a header but no rows")
    return report
