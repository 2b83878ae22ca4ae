"""The tantivy schema of an adapter's documents, and documents in that schema.

Field names (all derived from the adapter's declaration, so a new adapter needs no code here):
- `id` (raw, stored, fast): ids come back from hits, filter, facet and sort for the drift check;
- `stamp` (what the document was built from), `boost` (the recency weight);
- `k_<field>`: exact keyword values (raw, fast) for filters, facets and the visibility rule;
- `kw`: every searchable keyword as "field=value", lower-cased, for `field:value` in free text;
- `d_<field>`: dates in microseconds since 1970 (ranges, sorts, facets; tantivy's own dates
  keep whole seconds, too coarse to order datasets created in the same second);
- `s_<sort>`: text sort keys that are not keyword fields;
- `x_<text field>_<language>`: free text analysed with that language's analyzer;
- `title_plain`: every title unstemmed, for prefixes, autocomplete and spelling suggestions;
- `titles`: the titles as stored JSON (what autocomplete and suggestions read back).

Every field costs indexing time for every document (a rebuild of two million datasets is
bounded by it), so there is exactly one field per purpose.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

import orjson
from tantivy import Document, Schema, SchemaBuilder

from ...adapters import SearchAdapter
from ...analysis import analyzer_name
from ...documents import LOCALIZED_LANGUAGES, OTHER_LANGUAGE, SearchDocument

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# Bump when the layout below changes: an index built with another layout must be rebuilt.
LAYOUT_VERSION = 3
LANGUAGES = (*LOCALIZED_LANGUAGES, OTHER_LANGUAGE)


def microseconds(when: dt.datetime) -> int:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    delta = when - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_microseconds(value: int) -> dt.datetime:
    return EPOCH + dt.timedelta(microseconds=value)


@dataclass(frozen=True)
class Layout:
    """The field names of one adapter's index."""

    keywords: tuple[str, ...]
    searchable: tuple[str, ...]
    dates: tuple[str, ...]
    text_sorts: tuple[str, ...]
    texts: tuple[str, ...]

    @classmethod
    def of(cls, adapter: SearchAdapter) -> Layout:
        dates = set(adapter.date_fields)
        public = set(adapter.fields) - set(adapter.text_fields) - dates
        keywords = (public | set(adapter.visibility_fields)) - {"id"}
        return cls(
            keywords=tuple(sorted(keywords)),
            searchable=tuple(sorted(public)),
            dates=tuple(sorted(dates)),
            text_sorts=tuple(sorted(set(adapter.sorts) - dates - keywords)),
            texts=tuple(sorted(adapter.text_weights)),
        )

    @cached_property
    def fingerprint(self) -> str:
        data = json.dumps([LAYOUT_VERSION, self.__dict__.copy()], sort_keys=True, default=str)
        return hashlib.sha256(data.encode()).hexdigest()[:16]

    def keyword_field(self, name: str) -> str:
        return "id" if name == "id" else f"k_{name}"

    def sort_field(self, name: str) -> str:
        if name in self.dates:
            return f"d_{name}"
        return self.keyword_field(name) if name in self.keywords else f"s_{name}"

    def text_field(self, text: str, language: str) -> str:
        return f"x_{text}_{language}"

    def build(self) -> Schema:
        builder = SchemaBuilder()
        builder.add_text_field("id", stored=True, fast=True, tokenizer_name="raw")
        builder.add_integer_field("stamp", fast=True)
        builder.add_float_field("boost", fast=True)
        for name in self.keywords:
            builder.add_text_field(
                f"k_{name}", fast=True, tokenizer_name="raw", index_option="basic"
            )
        builder.add_text_field("kw", tokenizer_name="raw", index_option="basic")
        for name in self.dates:
            builder.add_integer_field(f"d_{name}", indexed=True, fast=True)
        for name in self.text_sorts:
            builder.add_text_field(
                f"s_{name}", fast=True, tokenizer_name="raw", index_option="basic"
            )
        for text in self.texts:
            for language in LANGUAGES:
                builder.add_text_field(
                    self.text_field(text, language), tokenizer_name=analyzer_name(language)
                )
        builder.add_text_field("title_plain", tokenizer_name=analyzer_name(OTHER_LANGUAGE))
        builder.add_bytes_field("titles", stored=True)
        return builder.build()

    def document(self, doc: SearchDocument) -> Document:
        """A SearchDocument as a tantivy document."""
        return Document(**self.fields(doc))

    def json(self, doc: SearchDocument) -> str:
        """The same document as the JSON `IndexWriter.add_json` reads (bytes in base64): a
        string is cheap to hand from a reading process to the indexing one."""
        fields = self.fields(doc)
        if "titles" in fields:
            fields["titles"] = base64.b64encode(fields["titles"]).decode()  # type: ignore[arg-type]
        return orjson.dumps(fields).decode()

    def fields(self, doc: SearchDocument) -> dict[str, object]:
        fields: dict[str, object] = {"id": doc.id, "stamp": doc.stamp, "boost": doc.boost}
        keywords = doc.keywords
        for name in self.keywords:
            values = keywords.get(name)
            if values:
                fields[f"k_{name}"] = list(values)
        fields["kw"] = [
            f"{name}={value.lower()}"
            for name in self.searchable
            for value in keywords.get(name, ())
        ]
        for name in self.dates:
            when = doc.dates.get(name)
            if when is not None:
                fields[f"d_{name}"] = microseconds(when)
        for name in self.text_sorts:
            fields[f"s_{name}"] = doc.sort_keys.get(name, "")
        for text, by_language in doc.texts.items():
            if text not in self.texts:
                continue
            for language, value in by_language.items():
                target = language if language in LOCALIZED_LANGUAGES else OTHER_LANGUAGE
                key = self.text_field(text, target)
                previous = fields.get(key)
                fields[key] = value if previous is None else f"{previous}\n{value}"
        if doc.titles:
            fields["title_plain"] = list(doc.titles.values())
            fields["titles"] = orjson.dumps(dict(doc.titles))
        return fields
