"""What an inbound mapping returns: drafts with everything a harvester needs to match them.

Every inbound mapper (DCAT RDF, DCAT-US data.json, CKAN package dicts) returns the same
types, so the harvester (and its identity and change detection) does not care where a record
came from. Mappers never raise on bad input: what can be kept is kept, and every value that
had to be dropped or guessed is named in `warnings`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .records import DatasetDraft, OrganizationDraft


@dataclass
class MappedDataset:
    """One remote dataset as a draft, with its identity at the source.

    `remote_id` is the source's own key for it (an RDF subject IRI, a data.json
    `identifier`, a CKAN id); `identifier` is the identifier it declares (dct:identifier);
    `url` is where a person sees it at the source. `in_series` holds the remote ids of the
    series it is part of, for the harvester to resolve into local series.
    """

    draft: DatasetDraft
    remote_id: str
    identifier: str = ""
    url: str = ""
    publisher: OrganizationDraft | None = None
    in_series: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the mapped content: equal fingerprints mean nothing changed upstream."""
        content = {
            "draft": _plain(dataclasses.replace(self.draft, warnings=[])),
            "publisher": _plain(self.publisher),
            "in_series": self.in_series,
        }
        text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class CatalogueMapping:
    """Every dataset found in one document, plus warnings about the document itself."""

    datasets: list[MappedDataset] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    format: str = ""

    @property
    def warning_count(self) -> int:
        return len(self.warnings) + sum(len(d.warnings) for d in self.datasets)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def candidate_name(*texts: str, key: str = "") -> str:
    """A valid dataset or organization name from the first usable text (CKAN's rules), made
    unique-ish and deterministic by a short hash of `key` when the text gives too little."""
    for text in texts:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:90].strip("-")
        if len(slug) >= 2:
            return slug
    digest = hashlib.sha256((key or "".join(texts)).encode("utf-8")).hexdigest()[:12]
    return f"dataset-{digest}"


_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def lenient_datetime(text: str, *, end: bool = False) -> tuple[dt.datetime | None, str]:
    """Read the dates real catalogues write: ISO dates and date-times (any offset, "Z",
    a space instead of "T"), year-only and year-month values (widened to their first day, or
    last day when `end`), dd/mm/yyyy. Returns the value (UTC) and a note: "" when the text
    was a full date, a description of the guess otherwise, "unreadable" when nothing fits."""
    value = text.strip()
    if not value:
        return None, "empty"
    if _YEAR.match(value):
        year = int(value)
        day = dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        return _midnight(day), "year only"
    match = _YEAR_MONTH.match(value)
    if match and 1 <= int(match.group(2)) <= 12:
        year, month = int(match.group(1)), int(match.group(2))
        first = dt.date(year, month, 1)
        day = (
            (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            if end
            else first
        )
        return _midnight(day), "year and month only"
    parsed = _iso(value)
    if parsed is not None:
        return parsed, ""
    slashed = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", value)
    if slashed:
        try:
            day = dt.date(int(slashed.group(3)), int(slashed.group(2)), int(slashed.group(1)))
            return _midnight(day), "day/month/year"
        except ValueError:
            pass
    return None, "unreadable"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _iso(value: str) -> dt.datetime | None:
    candidate = value.replace("Z", "+00:00").replace(" ", "T", 1)
    try:
        if len(candidate) == 10:
            return _midnight(dt.date.fromisoformat(candidate))
        parsed = dt.datetime.fromisoformat(candidate)
        return parsed.astimezone(dt.UTC) if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    except (ValueError, OverflowError):
        return None


_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def lenient_json(data: bytes) -> tuple[Any, str]:
    """Parse JSON; if that fails, retry without trailing commas (a common hand-editing
    defect). Returns (document or None, warning: "" when the JSON was valid)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, f"Not UTF-8 text: {error}"
    try:
        return json.loads(text), ""
    except ValueError as error:
        first = str(error)
    try:
        return json.loads(
            _TRAILING_COMMA.sub(r"\1", text)
        ), f"Invalid JSON ({first}); read after removing trailing commas"
    except ValueError:
        return None, f"Not JSON: {first}"
