"""dcat:Distribution nodes -> DistributionDrafts (URL, format, media type, size, SHA-256)."""

from __future__ import annotations

import re

from rdflib import URIRef
from rdflib.term import Node

from ..records import DistributionDraft
from ..vocabularies.formats import normalise_format
from .namespaces import DCAT, DCT, SPDX
from .reading import Reader, _http

_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")
_IANA = re.compile(r"^https?://www\.iana\.org/assignments/media-types/", re.IGNORECASE)


def read_distributions(reader: Reader, nodes: list[Node]) -> list[DistributionDraft]:
    return [_distribution(reader, node) for node in nodes]


def _distribution(reader: Reader, node: Node) -> DistributionDraft:
    url = ""
    for predicate in (DCAT.downloadURL, DCAT.accessURL):
        for value in reader.values(node, predicate):
            url = _http(reader, str(value), "Distribution URL")
            if url:
                break
        if url:
            break
    return DistributionDraft(
        title=reader.first_text(node, DCT.title)[:500],
        description=reader.first_text(node, DCT.description),
        url=url,
        format=_format(reader, node),
        media_type=_media_type(reader, node),
        byte_size=_size(reader, node),
        checksum_sha256=_checksum(reader, node),
    )


def _format(reader: Reader, node: Node) -> str:
    for value in reader.values(node, DCT.format):
        text = reader.iri_or_text(value)
        if text:
            return normalise_format(text)[:64]
    return ""


def _media_type(reader: Reader, node: Node) -> str:
    for value in reader.values(node, DCAT.mediaType):
        text = _IANA.sub("", reader.iri_or_text(value)).strip()
        if re.fullmatch(r"[\w.+-]+/[\w.+-]+", text):
            return text.lower()[:127]
        reader.warn(f'Media type "{text[:60]}" is not a media type; it was left out')
    return ""


def _size(reader: Reader, node: Node) -> int | None:
    for value in reader.values(node, DCAT.byteSize):
        text = str(value).strip()
        try:
            size = int(float(text)) if re.fullmatch(r"\d+(\.0+)?", text) else None
        except ValueError:
            size = None
        if size is None:
            reader.warn(f'Byte size "{text[:40]}" is not a number of bytes; it was left out')
        return size
    return None


def _checksum(reader: Reader, node: Node) -> str:
    for checksum in reader.values(node, SPDX.checksum):
        algorithm = str(reader.graph.value(checksum, SPDX.algorithm) or "").lower()
        value = str(reader.graph.value(checksum, SPDX.checksumValue) or "").strip()
        if algorithm.endswith("sha256") and _SHA256.match(value):
            return value.lower()
        reader.warn(
            f"Checksum ({algorithm.rsplit('_', 1)[-1] or 'no algorithm'}) is not a "
            "SHA-256; it was left out"
        )
    return ""


__all__ = ["URIRef", "read_distributions"]
