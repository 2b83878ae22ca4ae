"""DCAT-US 1.1 data.json: one document, read as a stream.

The `dataset` array is decoded one entry at a time from the downloaded file (which sits on
disk past a few MB), so memory stays bounded by the largest entry, not the catalogue: a
300,000-dataset data.json costs the same memory as a 300-dataset one. A document the strict
stream reader refuses (trailing commas and similar hand-editing defects) is re-read leniently
by `agora.interop` when it is small enough to hold in memory.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from functools import partial
from typing import IO, Any

from django.conf import settings

from agora.interop.datajson_in import map_entry
from agora.interop.mapped import lenient_json

from ..errors import SourceMalformed
from . import Backend, Batch, Gathered, GatherRequest

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_CHUNK = 1 << 20


class _Truncated(Exception):
    pass


class JsonStream:
    """Incremental reader of one JSON text: values are decoded with the C decoder from a
    sliding buffer that holds at most one value plus one chunk."""

    def __init__(self, body: IO[bytes]) -> None:
        self._body = body
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
        self.buf = ""
        self.pos = 0
        self.eof = False

    def _fill(self) -> bool:
        if self.eof:
            return False
        try:
            chunk = self._body.read(_CHUNK)
            text = self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            raise SourceMalformed(f"The document is not UTF-8 text: {error}") from error
        if not chunk:
            self.eof = True
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        return bool(chunk)

    def peek(self) -> str:
        while True:
            match = _WS.match(self.buf, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise SourceMalformed(f"Invalid JSON: expected {char!r} near character {self.pos}")
        self.pos += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                found, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as error:
                if self._fill():
                    continue
                raise SourceMalformed(f"Invalid JSON: {error.msg}") from error
            if end >= len(self.buf) and not self.eof and self._fill():
                continue  # a number or literal may continue in the next chunk
            self.pos = end
            return found


def stream_entries(body: IO[bytes], meta: dict[str, Any]) -> Iterator[Any]:
    """The entries of a data.json `dataset` array (or of a bare top-level array), one by
    one. Other top-level members are put in `meta`."""
    stream = JsonStream(body)
    first = stream.peek()
    if first == "[":
        yield from _array(stream)
        return
    if first != "{":
        raise SourceMalformed("The document is not a JSON object: not a data.json catalogue")
    stream.expect("{")
    found = False
    while stream.peek() not in ("}", ""):
        key = stream.value()
        stream.expect(":")
        if key == "dataset" and stream.peek() == "[":
            found = True
            yield from _array(stream)
        else:
            meta[str(key)] = stream.value()
        if stream.peek() == ",":
            stream.pos += 1
    stream.expect("}")
    if not found:
        raise SourceMalformed('No "dataset" list: not a data.json catalogue')


def _array(stream: JsonStream) -> Iterator[Any]:
    stream.expect("[")
    while stream.peek() != "]":
        yield stream.value()
        if stream.peek() == ",":
            stream.pos += 1
        elif stream.peek() != "]":
            raise SourceMalformed(f"Invalid JSON: expected ',' or ']' near {stream.pos}")
    stream.expect("]")


def _gathered(entry: Any, index: int) -> Gathered:
    identifier = entry.get("identifier") if isinstance(entry, dict) else None
    key = str(identifier).strip()[:500] if isinstance(identifier, str | int) else ""
    return Gathered(entry, mapper=partial(map_entry, entry, index), key=key)


class DataJsonBackend(Backend):
    type = "datajson"
    label = "DCAT-US data.json"

    def gather(self, request: GatherRequest) -> Iterator[Batch]:
        url = request.url
        fetched = request.client.get(
            url, accept="application/json", previous=request.previous_validators.get(url)
        )
        emitted = 0
        try:
            batch: list[Gathered] = []
            for index, entry in enumerate(stream_entries(fetched.body, {})):
                batch.append(_gathered(entry, index))
                emitted += 1
                if len(batch) >= request.batch_size:
                    yield Batch(batch)
                    batch = []
            yield Batch(batch)
        except SourceMalformed:
            if fetched.size > settings.AGORA_HARVEST_LENIENT_MAX_BYTES:
                raise
            yield from self._lenient(fetched.read(), skip=emitted, size=request.batch_size)
        finally:
            fetched.body.close()
        request.validators[url] = fetched.validators()

    def _lenient(self, data: bytes, *, skip: int, size: int) -> Iterator[Batch]:
        document, warning = lenient_json(data)
        entries = document.get("dataset") if isinstance(document, dict) else document
        if not isinstance(entries, list):
            raise SourceMalformed(warning or 'No "dataset" list: not a data.json catalogue')
        notes = [warning] if warning else []
        for start in range(skip, len(entries), size):
            records = [
                _gathered(entry, index)
                for index, entry in enumerate(entries[start : start + size], start)
            ]
            yield Batch(records, notes=notes)
            notes = []
