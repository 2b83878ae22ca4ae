"""The shape of the demo catalogue: datasets with their files, built as plain data first.

Each source module turns one package's data into `DemoDataset`s (a `DatasetDraft` plus the
bytes of its files); only the loader writes, through the catalogue services. Keeping the two
apart means the sources are pure functions over package files, cheap to read and to test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from agora.interop.records import DatasetDraft, DistributionDraft
from agora.interop.vocabularies.formats import media_type_for


@dataclass(frozen=True)
class DemoFile:
    """One file of a dataset, uploaded so that Agora stores and checksums it."""

    name: str
    title: str
    description: str
    format: str
    content: bytes

    def draft(self) -> DistributionDraft:
        return DistributionDraft(title=self.title, description=self.description, format=self.format)

    def upload(self) -> SimpleUploadedFile:
        return SimpleUploadedFile(self.name, self.content, media_type_for(self.format))


@dataclass(frozen=True)
class DemoDataset:
    draft: DatasetDraft
    files: tuple[DemoFile, ...]


# A source module yields builders: each makes one dataset, or raises SourceUnavailable to have
# just that dataset skipped (the loader reports why).
Builder = Callable[[], DemoDataset]


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 CSV with a header row; values are written as given (strings stay strings)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def json_bytes(value: Any) -> bytes:
    """Compact UTF-8 JSON (no indentation keeps the C encoder and the files small)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def csv_file(
    name: str, title: str, description: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> DemoFile:
    return DemoFile(name, title, description, "CSV", csv_bytes(header, rows))


def year_span(years: Iterable[int]) -> tuple[dt.date | None, dt.date | None]:
    """Temporal coverage from the years that occur in the data: 1 January to 31 December."""
    known = sorted(set(years))
    if not known:
        return None, None
    return dt.date(known[0], 1, 1), dt.date(known[-1], 12, 31)


def bbox_polygon(lons: Iterable[float], lats: Iterable[float]) -> dict[str, Any]:
    """The data's own bounding box as a GeoJSON polygon (its corners are values of the data)."""
    xs, ys = list(lons), list(lats)
    west, east, south, north = min(xs), max(xs), min(ys), max(ys)
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def geojson_positions(value: Any) -> Iterator[tuple[float, float]]:
    """Every (longitude, latitude) pair in a GeoJSON object, however deeply nested."""
    if isinstance(value, dict):
        for key in ("features", "geometry", "geometries", "coordinates"):
            if key in value:
                yield from geojson_positions(value[key])
    elif isinstance(value, list):
        if len(value) >= 2 and all(isinstance(v, int | float) for v in value[:2]):
            yield float(value[0]), float(value[1])
        else:
            for item in value:
                yield from geojson_positions(item)


def describe(*, about: str, source: str, shipped_in: str, licence: str, made: str) -> str:
    """A description that always says where the data comes from, under what terms, and how
    the uploaded files were derived from it, so every demo dataset can be checked."""
    return (
        f"{about}\n\n"
        f"**Source.** {source}\n\n"
        f"**Shipped in.** {shipped_in}\n\n"
        f"**Licence.** {licence}\n\n"
        f"**How the files were made.** {made}"
    )


def provenance(
    package: str, version: str, *files: str
) -> dict[str, str | int | float | bool | None]:
    """Extras that let anyone find the exact source file again."""
    return {
        "demo_source_package": package,
        "demo_source_version": version,
        "demo_source_files": ", ".join(files),
    }
