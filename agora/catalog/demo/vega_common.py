"""Shared pieces for the datasets taken from vega_datasets' local files.

vega_datasets ships a few datasets as files (_data/, listed in local_datasets.json) and says
in dataset_info.json where each comes from and, for some, under what terms. Only the files
whose publisher and terms it states are used: NOAA, EIA and BLS data ("public domain"),
OurAirports ("public domain"), Mike Bostock's wheat transcription ("released into the public
domain") and Burtin's antibiotics data (from Protovis, "under a BSD license"). Files such as
la-riots (terms unclear; Debian removes it from its package) or barley (no terms) are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from .packages import SourceUnavailable, package_version, read_json
from .specs import describe, provenance

PACKAGE = "vega_datasets"
HOME = "https://github.com/altair-viz/vega_datasets"
ISSUES = "https://github.com/altair-viz/vega_datasets/issues"


def version() -> str:
    return package_version("vega-datasets")


def require_statement(key: str, *phrases: str) -> None:
    """Refuse a dataset unless vega_datasets' own description of it still names its publisher
    and terms: the licence and organization set here rest on those words."""
    info: dict[str, dict[str, Any]] = read_json(PACKAGE, "dataset_info.json")
    text = " ".join(str(info.get(key, {}).get("description", "")).split()).lower()
    missing = [p for p in phrases if p.lower() not in text]
    if missing:
        raise SourceUnavailable(f"vega_datasets no longer says {missing} about {key!r}")


def date_span(values: Iterable[str], fmt: str) -> tuple[dt.date, dt.date]:
    """First and last day that occur in a date column of the data.

    Only for year-first, zero-padded formats, where text order is time order: that lets us
    parse two values instead of thousands.
    """
    texts = list(values)
    first, last = min(texts), max(texts)
    return (
        dt.datetime.strptime(first, fmt).date(),  # noqa: DTZ007 - dates, not instants
        dt.datetime.strptime(last, fmt).date(),  # noqa: DTZ007
    )


def common_fields(
    *, key: str, files: list[str], about: str, source: str, licence_text: str, made: str
) -> dict[str, Any]:
    """Fields shared by every vega_datasets dataset: provenance, contact, version, text."""
    current = version()
    return {
        "description": {
            "en": describe(
                about=about,
                source=source,
                shipped_in=f"vega_datasets {current} (PyPI), dataset {key!r} ({HOME}).",
                licence=licence_text,
                made=made,
            )
        },
        "frequency": "NEVER",
        "contact_name": "vega_datasets maintainers",
        "contact_url": ISSUES,
        "version": current,
        "extras": provenance(PACKAGE, current, *files),
    }
