"""Dataset cards: what a list of datasets shows, built from records in a fixed number of queries.

Every list on the portal (search results, home, publisher, country and theme pages) starts from
ids that a visibility-aware read returned (the search backend or a catalogue selector) and
hydrates them here with `dataset_records`, one batch whatever the number of ids.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from agora.catalog.selectors import dataset_records
from agora.interop.records import DatasetRecord

from ..i18n import Localized, localized
from ..snippets import backend_snippet, snippet


@dataclass(frozen=True)
class DatasetCard:
    name: str
    title: Localized
    publisher: Localized
    publisher_name: str
    summary: SafeString
    summary_fallback: Localized
    formats: tuple[str, ...]
    modified: Any
    countries: tuple[str, ...]
    themes: tuple[str, ...]
    private: bool
    draft: bool


def card(record: DatasetRecord, words: Sequence[str] = (), engine: Any = None) -> DatasetCard:
    description = localized(record.description)
    summary = backend_snippet(engine, record.id) if engine is not None else None
    formats = tuple(dict.fromkeys(d.format.upper() for d in record.distributions if d.format))
    return DatasetCard(
        name=record.name,
        title=localized(record.title),
        publisher=localized(record.organization.title),
        publisher_name=record.organization.name,
        summary=summary or snippet(description.text, list(words)),
        summary_fallback=description,
        formats=formats[:6],
        modified=record.modified or record.metadata_modified,
        countries=record.countries,
        themes=record.themes,
        private=record.private,
        draft=record.state == "draft",
    )


def cards_for(
    ids: Sequence[uuid.UUID | str], words: Sequence[str] = (), engine: Any = None
) -> list[DatasetCard]:
    return [card(record, words, engine) for record in dataset_records(list(ids))]
