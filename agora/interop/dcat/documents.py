"""Whole DCAT-AP 3 documents from the streaming writer: one dataset, or a catalogue (a page of
it, or all of it) yielded in pieces so that memory stays flat whatever its length."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..records import DatasetRecord
from .outbound import Site
from .serialise import Page
from .stream import Block, Document
from .writers import writer_for

# Datasets per yielded piece: large enough that the per-piece overhead is negligible, small
# enough that a piece stays a few hundred kilobytes.
PIECE = 200


def dataset_bytes(
    site_url: str, record: DatasetRecord, extension: str, series: DatasetRecord | None = None
) -> bytes:
    """One dataset (with its distributions, publisher, concepts and, when given, its series)."""
    writer = writer_for(extension)
    blocks: list[Block] = []
    Document(site_url).dataset(blocks, record, series)
    return (writer.head() + writer.blocks(blocks) + writer.tail()).encode("utf-8")


def catalogue_chunks(
    site: Site,
    items: Iterable[tuple[DatasetRecord, DatasetRecord | None]],
    extension: str,
    page: Page | None = None,
) -> Iterator[bytes]:
    """The catalogue with the given datasets (each with its visible series or None), and
    Hydra paging when `page` is given, in pieces of bytes."""
    writer = writer_for(extension)
    document = Document(site.url)
    blocks: list[Block] = []
    catalogue = document.catalogue(blocks, site)
    if page is not None:
        document.paging(
            blocks,
            catalogue,
            url=page.url,
            first=page.first,
            last=page.last,
            next=page.next,
            previous=page.previous,
            total_items=page.total_items,
            items_per_page=page.items_per_page,
        )
    yield (writer.head() + writer.blocks(blocks)).encode("utf-8")
    blocks = []
    count = 0
    for record, series in items:
        document.catalogue_dataset(blocks, site, record, series)
        count += 1
        if count == PIECE:
            yield writer.blocks(blocks).encode("utf-8")
            blocks, count = [], 0
    yield (writer.blocks(blocks) + writer.tail()).encode("utf-8")


__all__ = ["catalogue_chunks", "dataset_bytes"]
