"""The first rows of an uploaded CSV/TSV file, read directly and defensively.

This is the one function the tabular datastore (issue 7) replaces: once distributions are
ingested, `table_preview` can read the first rows from the store instead of the raw file.
Until then the raw bytes are read with hard caps (bytes, rows, columns, cell length) and decoded
tolerantly (UTF-8 with or without BOM, then Windows-1252, then Latin-1, which never fails), so
a large or messy upload costs a bounded amount of work and never breaks the dataset page.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from django.conf import settings

from agora.catalog.models import Distribution
from agora.core.files import open_blob

TABULAR_FORMATS = {"CSV": ",", "TSV": "\t"}
TABULAR_MEDIA_TYPES = {"text/csv": ",", "text/tab-separated-values": "\t"}
MAX_COLUMNS = 40
MAX_CELL = 300
_NUMBER = re.compile(r"^\s*[-+]?(\d+([.,]\d+)?|\d{1,3}(,\d{3})+(\.\d+)?)([eE][-+]?\d+)?\s*$")


@dataclass(frozen=True)
class TablePreview:
    header: list[str]
    rows: list[list[str]]
    truncated: bool
    encoding: str
    delimiter: str


def is_tabular(dist: Distribution) -> bool:
    return dist.file_id is not None and _default_delimiter(dist) is not None


def _default_delimiter(dist: Distribution) -> str | None:
    by_format = TABULAR_FORMATS.get((dist.format or "").upper())
    media = (dist.media_type or "").split(";")[0].strip().lower()
    return by_format or TABULAR_MEDIA_TYPES.get(media)


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding that read it."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _read_head(dist: Distribution, limit: int) -> tuple[bytes, bool]:
    with open_blob(dist.file) as handle:
        data = handle.read(limit + 1)
    truncated = len(data) > limit
    if truncated:  # drop the partial last line (and any half of a multi-byte character)
        data = data[:limit]
        data = data[: data.rfind(b"\n") + 1] or data
    return data, truncated


def _sniff(text: str, default: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
    except csv.Error:
        return default


def parse_rows(text: str, delimiter: str, max_rows: int) -> tuple[list[list[str]], bool]:
    """Up to max_rows + 1 non-empty rows (header first); True if more rows were left unread."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(rows) > max_rows:
                return rows, True
            rows.append([cell[:MAX_CELL] for cell in row[:MAX_COLUMNS]])
    except csv.Error:  # a broken quote or a huge field: show what was read before it
        return rows, True
    return rows, False


def table_preview(dist: Distribution, *, max_rows: int | None = None) -> TablePreview | None:
    """The header and first rows of a tabular upload, or None when it is not one."""
    default = _default_delimiter(dist)
    if dist.file_id is None or default is None:
        return None
    data, cut = _read_head(dist, settings.AGORA_WEB_PREVIEW_MAX_BYTES)
    text, encoding = decode(data)
    delimiter = _sniff(text, default)
    rows, more = parse_rows(text, delimiter, max_rows or settings.AGORA_WEB_PREVIEW_ROWS)
    if not rows:
        return None
    header, body = rows[0], rows[1:]
    width = max(len(header), *(len(r) for r in body)) if body else len(header)
    header = header + [""] * (width - len(header))
    body = [r + [""] * (width - len(r)) for r in body]
    return TablePreview(header, body, cut or more, encoding, delimiter)


def _sort_key(value: str) -> tuple[int, float, str]:
    if _NUMBER.match(value):
        try:
            return (
                0,
                float(
                    value.replace(",", "")
                    if value.count(",") != 1 or "." in value
                    else value.replace(",", ".")
                ),
                "",
            )
        except ValueError:
            pass
    return (1 if value.strip() else 2, 0.0, value.casefold())


def sorted_rows(rows: list[list[str]], column: int, descending: bool) -> list[list[str]]:
    """Rows sorted on one column: numbers as numbers, then text, blanks last."""
    if not rows or not 0 <= column < len(rows[0]):
        return rows
    keyed = sorted(rows, key=lambda r: _sort_key(r[column]), reverse=descending)
    if descending:  # keep blanks at the end in both directions
        blanks = [r for r in keyed if not r[column].strip()]
        keyed = [r for r in keyed if r[column].strip()] + blanks
    return keyed
