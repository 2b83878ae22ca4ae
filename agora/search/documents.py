"""What an adapter hands to a search engine: documents and the visibility rule, as plain data.

Both engines index the same `SearchDocument` and apply the same `Visibility`, so the rules about
what a dataset says and who may find it live in the app that owns datasets (its adapter), and
the engines only translate. Nothing here knows about Django or about an engine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

# Free text is indexed per language: a field holds one language's text and is analysed with
# that language's stemmer. Text in any other language goes to the "other" variant.
OTHER_LANGUAGE = "other"
LOCALIZED_LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ru", "ar", "zh")

# The recency boost: a score is multiplied by log2(2 + b), b in [0, MAX_RECENCY_BOOST], growing
# linearly from RECENCY_EPOCH to RECENCY_HORIZON. A dataset changed ten years later than another
# gets about 3.5 % more; nothing can double its score by being new. Both engines use the same
# figure (tantivy applies it natively as `weight_by_field`).
MAX_RECENCY_BOOST = 0.2
RECENCY_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
RECENCY_HORIZON = dt.datetime(2040, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class SearchDocument:
    """One searchable object, in the terms of its adapter's declaration.

    `texts` maps a text field ("title", "description", "keywords") to its text per language;
    `keywords` maps a filter/facet field to its exact values (strings, compared as written);
    `dates` holds the fields that take ranges; `sort_keys` the values that sort orders use;
    `titles` is what autocomplete shows. `stamp` changes whenever the document would change,
    so a drift check compares stamps instead of whole documents.
    """

    id: str
    stamp: int
    texts: Mapping[str, Mapping[str, str]]
    keywords: Mapping[str, tuple[str, ...]]
    dates: Mapping[str, dt.datetime]
    sort_keys: Mapping[str, str]
    titles: Mapping[str, str] = field(default_factory=dict)
    recency: dt.datetime | None = None

    @property
    def boost(self) -> float:
        return recency_boost(self.recency)


@dataclass(frozen=True)
class Visibility:
    """Who may find what, as alternatives: a document is visible when it matches any one.

    Each alternative maps keyword fields to the values allowed for them (all fields must match,
    any value of a field does). `None` as the whole rule would mean "everything", which no
    caller may ask for; an empty tuple of alternatives means "nothing".
    """

    alternatives: tuple[Mapping[str, tuple[str, ...]], ...]

    def allows(self, keywords: Mapping[str, tuple[str, ...]]) -> bool:
        """The rule evaluated on one document's keywords (used by tests and checks)."""
        return any(
            all(set(keywords.get(name, ())) & set(values) for name, values in clause.items())
            for clause in self.alternatives
        )


def recency_boost(when: dt.datetime | None) -> float:
    if when is None:
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    span = (RECENCY_HORIZON - RECENCY_EPOCH).total_seconds()
    share = (when - RECENCY_EPOCH).total_seconds() / span
    return MAX_RECENCY_BOOST * min(max(share, 0.0), 1.0)


def recency_factor(boost: float) -> float:
    """The multiplier a boost gives a score (the formula of tantivy's weight_by_field)."""
    return math.log2(2.0 + max(boost, 0.0))


def stamp_of(*parts: object) -> int:
    """A 63-bit fingerprint of whatever a document depends on (fits a signed 64-bit column)."""
    digest = hashlib.blake2b("\x1f".join(str(p) for p in parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def iso_utc(value: dt.datetime) -> str:
    """A fixed-width UTC timestamp: sorts and compares as text exactly as it does as a date."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")
