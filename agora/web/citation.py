"""How to cite a dataset: publisher, year, title, version, portal, persistent URL, access date.

The shape follows the data-citation elements that DataCite and the FORCE11 Joint Declaration
of Data Citation Principles ask for (creator, year, title, version, publisher, identifier,
access date); the portal shows one ready-to-copy line.
"""

from __future__ import annotations

import datetime as dt


def citation_text(
    *,
    publisher: str,
    title: str,
    year: int | None,
    version: str,
    portal: str,
    url: str,
    accessed: dt.date,
    dataset_label: str,
    version_label: str,
    accessed_label: str,
) -> str:
    parts = [f"{publisher} ({year})." if year else f"{publisher}."]
    parts.append(f"{title}" + (f" ({version_label} {version})" if version else "") + ".")
    parts.append(f"[{dataset_label}]. {portal}. {url}")
    parts.append(f"({accessed_label} {accessed.isoformat()})")
    return " ".join(parts)
