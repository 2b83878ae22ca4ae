"""Find out what a file is and turn it into one UTF-8 CSV (or a Parquet file) to load.

Formats are decided from the sniffed media type (core.mediatypes) and the file name; text is
decoded with the encoding it is in (detected from its bytes), spreadsheets are read with
python-calamine, JSON arrays, JSON lines and GeoJSON are flattened into columns. Everything
ends up as a UTF-8 CSV, the one form the validator and the loader both read fast.
"""

from __future__ import annotations

import bz2
import codecs
import csv
import datetime as dt
import gzip
import json
import lzma
import shutil
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import chardet

from agora.core import mediatypes

from .errors import IngestFailed

CSV_TYPES = frozenset(
    {"text/csv", "text/plain", "text/tab-separated-values", "application/csv", "text/x-csv"}
)
SPREADSHEETS = frozenset({mediatypes.XLSX, mediatypes.ODS, "application/vnd.ms-excel"})
COMPRESSED = {
    "application/gzip": gzip.open,
    "application/x-bzip2": bz2.open,
    "application/x-xz": lzma.open,
}
TABULAR_FORMATS = frozenset(
    {"CSV", "TSV", "XLS", "XLSX", "ODS", "JSON", "GEOJSON", "PARQUET", "JSONL", "NDJSON", "TXT"}
)
JSON_MAX_BYTES = 256 * 1024 * 1024
# Formats we turned into CSV ourselves: their header is exact, nothing to sniff.
CONVERTED = frozenset({"spreadsheet", "json", "jsonl", "geojson"})
SAMPLE = 1024 * 1024
LEGACY_DEFAULT = "cp1252"


@dataclass
class Prepared:
    """What the detect step hands to validation and loading."""

    kind: str  # "csv" or "parquet"
    path: Path
    format: str
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)


def is_tabular(media_type: str, file_name: str = "", fmt: str = "") -> bool:
    suffix = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    return (
        media_type in CSV_TYPES
        or media_type in SPREADSHEETS
        or media_type in ("application/json", mediatypes.GEOJSON, "application/x-ndjson")
        or media_type == "application/vnd.apache.parquet"
        or (
            (media_type in COMPRESSED or media_type == "application/zip")
            and suffix in ("gz", "bz2", "xz", "zip")
        )
        or fmt.upper() in TABULAR_FORMATS
    )


def _sniff(path: Path, name: str) -> str:
    with open(path, "rb") as handle:
        return mediatypes.sniff_media_type(handle.read(8192), name)


def _inner_name(name: str) -> str:
    for suffix in (".gz", ".bz2", ".xz"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def _decompress(path: Path, media_type: str, name: str, work: Path) -> tuple[Path, str]:
    if media_type == "application/zip":
        return _unzip(path, work)
    target = work / "decompressed"
    try:
        with COMPRESSED[media_type](path, "rb") as source, open(target, "wb") as out:
            shutil.copyfileobj(source, out, 1024 * 1024)
    except (OSError, EOFError, lzma.LZMAError) as error:
        raise IngestFailed("The compressed file is damaged.", code="ingest.bad_archive") from error
    return target, _inner_name(name)


def _unzip(path: Path, work: Path) -> tuple[Path, str]:
    """A zip holding one table (the first CSV/TSV/spreadsheet member) is that table."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            wanted = [
                m
                for m in members
                if m.filename.lower().rsplit(".", 1)[-1] in ("csv", "tsv", "xlsx", "xls", "ods")
            ]
            if not wanted:
                raise IngestFailed("The zip file holds no table.", code="ingest.not_tabular")
            member = wanted[0]
            target = work / "unzipped"
            with archive.open(member) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out, 1024 * 1024)
            return target, member.filename.rsplit("/", 1)[-1]
    except zipfile.BadZipFile as error:
        raise IngestFailed("The zip file is damaged.", code="ingest.bad_archive") from error


def prepare(path: Path, name: str, work: Path) -> Prepared:
    """Turn the stored file into a UTF-8 CSV (or keep a Parquet file) in `work`."""
    media_type = _sniff(path, name)
    warnings: list[str] = []
    if media_type in COMPRESSED or (media_type == "application/zip" and not _is_ooxml(path)):
        path, name = _decompress(path, media_type, name, work)
        warnings.append(f"Decompressed {media_type} to {name}")
        media_type = _sniff(path, name)
    if media_type == "application/vnd.apache.parquet":
        return Prepared("parquet", path, "parquet", "", warnings)
    if media_type in SPREADSHEETS:
        return _prepared_from_rows(spreadsheet_rows(path, warnings), work, "spreadsheet", warnings)
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if media_type == "application/x-ndjson" or suffix in ("jsonl", "ndjson"):
        return _prepared_from_rows(json_lines_rows(path), work, "jsonl", warnings)
    if media_type in ("application/json", mediatypes.GEOJSON):
        fmt = "geojson" if media_type == mediatypes.GEOJSON else "json"
        return _prepared_from_rows(json_rows(path), work, fmt, warnings)
    if media_type in CSV_TYPES or mediatypes.looks_like_text(_head(path)):
        encoding = detect_encoding(path)
        text_path = transcode(path, encoding, work / "utf8.csv") if encoding != "utf-8" else path
        return Prepared("csv", text_path, "tsv" if suffix == "tsv" else "csv", encoding, warnings)
    raise IngestFailed(f"A {media_type} file is not a table.", code="ingest.not_tabular")


def _is_ooxml(path: Path) -> bool:
    return _sniff(path, "") in SPREADSHEETS


def _head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(8192)


# ------------------------------------------------------------------------------ encodings


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when the sample decodes as UTF-8, UTF-16 by its BOM, else
    the most likely legacy encoding of the sample (chardet, as Frictionless uses)."""
    with open(path, "rb") as handle:
        sample = handle.read(SAMPLE)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    return legacy_encoding(sample)


# chardet guesses these for short Western European samples whose few accented letters they
# share with Windows-1252 (measured on the messy files of shared/data); Windows-1252 is then
# the far likelier encoding of a government spreadsheet export.
_UNLIKELY = frozenset({"ascii", "cp874", "iso8859_3", "mac_roman", "mac_latin2", "cp852"})


def legacy_encoding(sample: bytes) -> str:
    """The most likely single-byte (or CJK) encoding of bytes that are not UTF-8."""
    guess = chardet.detect(sample).get("encoding") or LEGACY_DEFAULT
    try:
        name = codecs.lookup(guess).name
    except LookupError:
        return LEGACY_DEFAULT
    return LEGACY_DEFAULT if name.replace("-", "_") in _UNLIKELY else name


def transcode(path: Path, encoding: str, target: Path) -> Path:
    """Rewrite text in `encoding` as UTF-8, streaming (undecodable bytes become U+FFFD)."""
    with (
        open(path, encoding=encoding, errors="replace", newline="") as source,
        open(target, "w", encoding="utf-8", newline="") as out,
    ):
        shutil.copyfileobj(source, out, 1024 * 1024)
    return target


def repair_mixed_utf8(path: Path, target: Path) -> tuple[Path, str, int]:
    """For text that is mostly UTF-8 but has lines in a legacy encoding (a '£' typed in
    Windows halfway down a file): keep valid UTF-8 lines, decode the others in the legacy
    encoding their bytes suggest. Returns the new path, that encoding, and lines repaired."""
    bad: list[bytes] = []
    with open(path, "rb") as source:
        for line in source:
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                if sum(map(len, bad)) < 65536:
                    bad.append(line)
    legacy = legacy_encoding(b"".join(bad)) if bad else LEGACY_DEFAULT
    if legacy == "utf_8":
        legacy = LEGACY_DEFAULT
    repaired = 0
    with open(path, "rb") as source, open(target, "wb") as out:
        for line in source:
            try:
                line.decode("utf-8")
                out.write(line)
            except UnicodeDecodeError:
                out.write(line.decode(legacy, errors="replace").encode("utf-8"))
                repaired += 1
    return target, legacy, repaired


# ------------------------------------------------------------------------------ other formats


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _prepared_from_rows(
    rows: Iterable[list[Any]], work: Path, fmt: str, warnings: list[str]
) -> Prepared:
    target = work / "converted.csv"
    with open(target, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
    return Prepared("csv", target, fmt, "utf-8", warnings)


def spreadsheet_rows(path: Path, warnings: list[str]) -> Iterator[list[Any]]:
    """The first sheet that has data, row by row (python-calamine reads XLSX, XLS and ODS)."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = workbook.sheet_names
        for index, sheet_name in enumerate(names):
            rows = workbook.get_sheet_by_index(index).to_python(skip_empty_area=True)
            if any(any(v not in (None, "") for v in row) for row in rows):
                if len(names) > 1:
                    warnings.append(f'Loaded sheet "{sheet_name}" of {len(names)} sheets')
                yield from rows
                return
    except Exception as error:
        raise IngestFailed(
            f"The spreadsheet could not be read: {str(error)[:200]}", code="ingest.bad_spreadsheet"
        ) from error


def _records_to_rows(records: Iterable[Any]) -> Iterator[list[Any]]:
    """Objects become rows under the union of their keys (in first-seen order)."""
    items = list(records)
    if items and all(isinstance(i, list) for i in items):
        yield from items
        return
    keys: dict[str, None] = {}
    for item in items:
        if isinstance(item, dict):
            keys.update(dict.fromkeys(str(k) for k in item))
    if not keys:
        raise IngestFailed("The JSON holds no records.", code="ingest.not_tabular")
    names = list(keys)
    yield names
    for item in items:
        record = item if isinstance(item, dict) else {"value": item}
        yield [record.get(k) for k in names]


def json_rows(path: Path) -> Iterator[list[Any]]:
    if path.stat().st_size > JSON_MAX_BYTES:
        raise IngestFailed(
            f"JSON files over {JSON_MAX_BYTES} bytes are not loaded; publish CSV or Parquet.",
            code="ingest.too_large",
        )
    try:
        data = json.loads(path.read_bytes())
    except (ValueError, RecursionError) as error:
        raise IngestFailed("The file is not valid JSON.", code="ingest.bad_json") from error
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        yield from _records_to_rows(_feature_records(data.get("features") or []))
        return
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if len(lists) == 1 else None
    if not isinstance(data, list):
        raise IngestFailed("The JSON is not an array of records.", code="ingest.not_tabular")
    yield from _records_to_rows(data)


def _feature_records(features: list[Any]) -> Iterator[dict[str, Any]]:
    for feature in features:
        if not isinstance(feature, dict):
            continue
        record = dict(feature.get("properties") or {})
        if "id" in feature and "id" not in record:
            record["id"] = feature["id"]
        record["geometry"] = feature.get("geometry")
        yield record


def json_lines_rows(path: Path) -> Iterator[list[Any]]:
    def records() -> Iterator[Any]:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.strip():
                    try:
                        yield json.loads(line)
                    except ValueError as error:
                        raise IngestFailed(
                            "A line is not valid JSON.", code="ingest.bad_json"
                        ) from error

    yield from _records_to_rows(records())


def header_of(path: Path) -> list[str]:
    """The header of a CSV we wrote (comma-separated, RFC 4180), as unique column names."""
    from ..schema import clean_names

    with open(path, encoding="utf-8", newline="") as handle:
        return clean_names(next(csv.reader(handle), []))
