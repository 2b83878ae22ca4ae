"""SearchQuery -> SQL over the search_document table (PostgreSQL full-text search).

Each document row holds one tsvector made of every text in its own language configuration
(Agora's `agora_<lang>` configurations: unaccent, then a snowball stemmer, no stop words),
weighted A-D by field; `keys` holds "field=value" (exact) and "field~value" (lower-cased)
strings for filters, facets and the visibility rule (one GIN index answers them all).
A word of the query is looked up in every configuration at once, so "données" finds French
fields and "data" English ones. Values always travel as parameters; tsquery operands are
rebuilt from word characters only, so no input can inject tsquery operators either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...adapters import SearchAdapter
from ...analysis import MAX_TOKEN
from ...documents import OTHER_LANGUAGE, Visibility, iso_utc
from ...errors import InvalidSearchQuery
from ...query import And, Filter, MatchAll, Not, Or, Phrase, RangeFilter, Term, TextNode

CONFIGS = {
    "en": "agora_en",
    "fr": "agora_fr",
    "es": "agora_es",
    "ru": "agora_ru",
    "ar": "agora_ar",
    "zh": "agora_simple",
    OTHER_LANGUAGE: "agora_simple",
}
QUERY_CONFIGS = ("agora_en", "agora_fr", "agora_es", "agora_ru", "agora_ar", "agora_simple")
WEIGHT_LETTERS = "ABCD"
_HAN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff])")
_WORD = re.compile(r"\w+")


def spaced_han(text: str) -> str:
    """Han characters as separate words (PostgreSQL's parser keeps a run of them as one)."""
    return _HAN.sub(r" \1 ", text)


def weight_letters(adapter: SearchAdapter) -> dict[str, str]:
    """Text fields by descending weight -> A, B, C, D (PostgreSQL has four weights)."""
    ordered = sorted(adapter.text_weights, key=lambda n: -adapter.text_weights[n])
    if len(ordered) > len(WEIGHT_LETTERS):
        raise InvalidSearchQuery("PostgreSQL search supports at most four text fields")
    return dict(zip(ordered, WEIGHT_LETTERS, strict=False))


def rank_weights(adapter: SearchAdapter) -> str:
    """ts_rank's weight array, {D, C, B, A}, scaled so the heaviest field counts 1."""
    letters = weight_letters(adapter)
    top = max(adapter.text_weights.values())
    by_letter = {letter: adapter.text_weights[name] / top for name, letter in letters.items()}
    return "{" + ",".join(f"{by_letter.get(letter, 0.1):.3f}" for letter in "DCBA") + "}"


def operand(text: str, *, prefix: bool = False, weights: str = "") -> str | None:
    """A tsquery operand for `text`: words joined as a phrase, quoted; None without words."""
    # Words longer than MAX_TOKEN are no words (the embedded engine's analyzers drop them too).
    words = [w for w in _WORD.findall(spaced_han(text).replace("_", " ")) if len(w) <= MAX_TOKEN]
    if not words:
        return None
    label = ("*" if prefix else "") + weights
    quoted = [f"'{w}'" for w in words]
    if label:
        quoted[-1] += ":" + label
    return " <-> ".join(quoted)


@dataclass
class Condition:
    sql: str
    params: list[object] = field(default_factory=list)


class SqlBuilder:
    def __init__(self, adapter: SearchAdapter) -> None:
        self.adapter = adapter
        self.letters = weight_letters(adapter)
        # Positive text leaves, or-ed together, are what ts_rank scores.
        self.rank_terms: list[Condition] = []

    def _tsquery(self, text: str, *, prefix: bool, weights: str) -> Condition | None:
        written = operand(text, prefix=prefix, weights=weights)
        if written is None:
            return None
        parts = " || ".join(f"to_tsquery('{config}', %s)" for config in QUERY_CONFIGS)
        return Condition(f"({parts})", [written] * len(QUERY_CONFIGS))

    def _leaf(self, node: Term | Phrase, negated: bool) -> Condition | None:
        prefix = isinstance(node, Term) and node.prefix
        if node.field is None or node.field in self.adapter.text_fields:
            text_field = self.adapter.text_fields.get(node.field or "")
            weights = self.letters[text_field] if text_field else ""
            query = self._tsquery(node.text, prefix=prefix, weights=weights)
            if query is None:
                return None
            if not negated:
                self.rank_terms.append(query)
            return Condition(f"tsv @@ {query.sql}", list(query.params))
        return self._keyword(node.field, node.text, prefix)

    def _keyword(self, name: str, text: str, prefix: bool) -> Condition:
        if name not in self.adapter.fields or name in self.adapter.date_fields:
            raise InvalidSearchQuery(f"Cannot search {name} for words")
        value = self.adapter.normalise(name, text).lower()
        if prefix:
            like = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            return Condition(
                "EXISTS (SELECT 1 FROM unnest(keys) k WHERE k LIKE %s)", [f"{name}~{like}%"]
            )
        return Condition("keys @> ARRAY[%s]::text[]", [f"{name}~{value}"])

    def text(self, node: TextNode, negated: bool = False) -> Condition | None:
        """The text tree as a condition; None when it constrains nothing."""
        if isinstance(node, MatchAll):
            return None
        if isinstance(node, Term | Phrase):
            return self._leaf(node, negated)
        if isinstance(node, Not):
            inner = self.text(node.item, not negated)
            return Condition(f"NOT ({inner.sql})", inner.params) if inner else None
        if isinstance(node, And | Or):
            parts = [c for c in (self.text(i, negated) for i in node.items) if c is not None]
            if not parts:
                return None
            joiner = " AND " if isinstance(node, And) else " OR "
            return Condition(
                "(" + joiner.join(p.sql for p in parts) + ")", [v for p in parts for v in p.params]
            )
        raise InvalidSearchQuery("Unsupported query")

    def phrase_bonus(self, node: TextNode) -> Condition | None:
        if not isinstance(node, And):
            return None
        words = [i for i in node.items if isinstance(i, Term) and not i.prefix and i.field is None]
        if len(words) < 2 or len(words) != len(node.items):
            return None
        return self._tsquery(" ".join(w.text for w in words), prefix=False, weights="")

    def rank_query(self) -> Condition | None:
        if not self.rank_terms:
            return None
        return Condition(
            "(" + " || ".join(t.sql for t in self.rank_terms) + ")",
            [v for t in self.rank_terms for v in t.params],
        )


def filter_condition(adapter: SearchAdapter, item: Filter | RangeFilter) -> Condition | None:
    if isinstance(item, RangeFilter):
        parts, params = [], []
        if item.start is not None:
            parts.append("(dates ->> %s) >= %s")
            params += [item.field, iso_utc(item.start)]
        if item.end is not None:
            parts.append("(dates ->> %s) <= %s")
            params += [item.field, iso_utc(item.end)]
        return Condition(" AND ".join(parts), params) if parts else None
    values = [f"{item.field}={adapter.normalise(item.field, v)}" for v in item.values]
    sql = "keys && %s::text[]"
    return Condition(f"NOT ({sql})" if item.negate else sql, [values])


def visibility_condition(rule: Visibility) -> Condition:
    alternatives, params = [], []
    for clause in rule.alternatives:
        parts = []
        for name, values in sorted(clause.items()):
            parts.append("keys && %s::text[]")
            params.append([f"{name}={v}" for v in values])
        alternatives.append("(" + " AND ".join(parts or ["TRUE"]) + ")")
    return Condition("(" + " OR ".join(alternatives or ["FALSE"]) + ")", params)
