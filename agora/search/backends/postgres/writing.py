"""SearchDocument -> one row of search_document (an upsert with a fixed shape, so a rebuild
sends every row through the same prepared statement)."""

from __future__ import annotations

from functools import cache

import orjson

from ...adapters import SearchAdapter
from ...analysis import terms
from ...documents import LOCALIZED_LANGUAGES, OTHER_LANGUAGE, SearchDocument, iso_utc
from .sql import CONFIGS, spaced_han, weight_letters

LANGUAGES = (*LOCALIZED_LANGUAGES, OTHER_LANGUAGE)


@cache
def _texts(adapter_name: str, letters: tuple[tuple[str, str], ...]) -> str:
    parts = [
        f"setweight(to_tsvector('{CONFIGS[language]}', %s), '{letter}')"
        for _name, letter in letters
        for language in LANGUAGES
    ]
    return " || ".join(parts)


def insert_statement(adapter: SearchAdapter) -> str:
    letters = tuple(sorted(weight_letters(adapter).items()))
    # Only our own field and configuration names are formatted in; values are parameters.
    texts = _texts(adapter.name, letters)
    return (
        "INSERT INTO search_document (kind, object_id, stamp, keys, dates, sorts, titles, boost, "  # noqa: S608
        f"plain, tsv) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, {texts}) "
        "ON CONFLICT (kind, object_id) DO UPDATE SET stamp = EXCLUDED.stamp, "
        "keys = EXCLUDED.keys, dates = EXCLUDED.dates, sorts = EXCLUDED.sorts, "
        "titles = EXCLUDED.titles, boost = EXCLUDED.boost, plain = EXCLUDED.plain, "
        "tsv = EXCLUDED.tsv"
    )


def _keys(adapter: SearchAdapter, doc: SearchDocument) -> list[str]:
    keys = []
    for name, values in sorted(doc.keywords.items()):
        for value in values:
            keys.append(f"{name}={value}")
            if name in adapter.fields:
                keys.append(f"{name}~{adapter.normalise(name, value).lower()}")
    return keys


def row_of(adapter: SearchAdapter, doc: SearchDocument) -> list[object]:
    texts = []
    for name, _letter in sorted(weight_letters(adapter).items()):
        by_language: dict[str, list[str]] = {}
        for language, text in doc.texts.get(name, {}).items():
            target = language if language in LOCALIZED_LANGUAGES else OTHER_LANGUAGE
            by_language.setdefault(target, []).append(spaced_han(text))
        texts += ["\n".join(by_language.get(language, ())) for language in LANGUAGES]
    plain = " ".join(terms("\n".join(doc.titles.values()), OTHER_LANGUAGE))
    return [
        adapter.name,
        doc.id,
        doc.stamp,
        _keys(adapter, doc),
        orjson.dumps({k: iso_utc(v) for k, v in doc.dates.items()}).decode(),
        orjson.dumps(dict(doc.sort_keys)).decode(),
        orjson.dumps(dict(doc.titles)).decode(),
        doc.boost,
        plain,
        *texts,
    ]
