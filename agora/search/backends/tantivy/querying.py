"""SearchQuery -> tantivy Query, built from parts (never by writing tantivy's query syntax, so
no user input is ever parsed twice or needs escaping for the engine's parser).

A word is analysed with each language's analyzer and looked up in that language's field, so
"données", "donnees" and "data" each find the fields where they mean something; fields are
weighted as the adapter says (titles and keywords above descriptions). Filters and the
visibility rule are boolean clauses with no weight: they decide what matches, never the rank.
"""

from __future__ import annotations

from tantivy import FieldType, Occur, Query, Schema

from ...adapters import SearchAdapter
from ...analysis import terms
from ...documents import OTHER_LANGUAGE, Visibility
from ...errors import InvalidSearchQuery
from ...query import And, Filter, MatchAll, Not, Or, Phrase, RangeFilter, Term, TextNode
from .schema import LANGUAGES, Layout, microseconds

PHRASE_BOOST = 1.5
PREFIX_TEXTS = ("title", "keywords", "name")
_REGEX_META = set("\\.+*?()|[]{}^$#&-~\"'")


def regex_escape(text: str) -> str:
    return "".join(f"\\{c}" if c in _REGEX_META else c for c in text)


def _should(clauses: list[Query]) -> Query | None:
    if not clauses:
        return None
    if len(clauses) == 1:
        return clauses[0]
    return Query.boolean_query([(Occur.Should, c) for c in clauses])


class QueryBuilder:
    def __init__(self, schema: Schema, layout: Layout, adapter: SearchAdapter) -> None:
        self.schema = schema
        self.layout = layout
        self.adapter = adapter

    # ------------------------------------------------------------------ words

    def _in_field(self, field: str, words: list[str]) -> Query | None:
        if not words:
            return None
        if len(words) == 1:
            return Query.term_query(self.schema, field, words[0])
        return Query.phrase_query(self.schema, field, words)

    def _text(self, text: str, texts: tuple[str, ...], weight: float = 1.0) -> Query | None:
        """`text` (a word or a phrase) in any language of the given text fields."""
        clauses = []
        for language in LANGUAGES:
            words = terms(text, language)
            for name in texts:
                query = self._in_field(self.layout.text_field(name, language), words)
                if query is not None:
                    boost = self.adapter.text_weights[name] * weight
                    clauses.append(Query.boost_query(query, boost))
        return _should(clauses)

    def _prefix(self, text: str, texts: tuple[str, ...]) -> Query | None:
        """Words starting with `text` in titles, keywords and names (unstemmed and stemmed)."""
        plain = terms(text, OTHER_LANGUAGE)
        if len(plain) > 1:
            return Query.phrase_prefix_query(self.schema, "title_plain", plain)
        if not plain:
            return None
        clauses = [Query.regex_query(self.schema, "title_plain", regex_escape(plain[0]) + ".*")]
        for language in LANGUAGES:
            stems = terms(text, language)
            for name in texts:
                if len(stems) == 1 and name in PREFIX_TEXTS:
                    field = self.layout.text_field(name, language)
                    clauses.append(
                        Query.regex_query(self.schema, field, regex_escape(stems[0]) + ".*")
                    )
        return _should(clauses)

    def _keyword(self, field: str, text: str, prefix: bool) -> Query:
        """`field:value` in free text: the exact value, whatever its case."""
        if field in self.layout.dates:
            raise InvalidSearchQuery(f"{field} takes a range such as [2020-01-01 TO *]")
        if field not in self.layout.searchable:
            raise InvalidSearchQuery(f"Cannot search {field} for words")
        term = f"{field}={self.adapter.normalise(field, text).lower()}"
        if prefix:
            return Query.regex_query(self.schema, "kw", regex_escape(term) + ".*")
        return Query.term_query(self.schema, "kw", term)

    def _leaf(self, node: Term | Phrase) -> Query | None:
        prefix = isinstance(node, Term) and node.prefix
        if node.field is None:
            texts = self.layout.texts
        elif node.field in self.adapter.text_fields:
            texts = (self.adapter.text_fields[node.field],)
        else:
            return self._keyword(node.field, node.text, prefix)
        if prefix:
            return self._prefix(node.text, texts)
        return self._text(node.text, texts)

    # ------------------------------------------------------------------ the tree

    def text(self, node: TextNode) -> Query | None:
        """The text tree as a query; None when it constrains nothing (match everything)."""
        if isinstance(node, MatchAll):
            return None
        if isinstance(node, Term | Phrase):
            return self._leaf(node)
        if isinstance(node, Not):
            inner = self.text(node.item)
            if inner is None:
                return None
            return Query.boolean_query([(Occur.Must, Query.all_query()), (Occur.MustNot, inner)])
        if isinstance(node, And):
            return self._and(node)
        if isinstance(node, Or):
            parts = [q for q in (self.text(item) for item in node.items) if q is not None]
            return _should(parts)
        raise InvalidSearchQuery("Unsupported query")

    def _and(self, node: And) -> Query | None:
        clauses: list[tuple[Occur, Query]] = []
        for item in node.items:
            if isinstance(item, Not):
                inner = self.text(item.item)
                if inner is not None:
                    clauses.append((Occur.MustNot, inner))
                continue
            query = self.text(item)
            if query is not None:
                clauses.append((Occur.Must, query))
        if not clauses:
            return None
        if all(occur == Occur.MustNot for occur, _ in clauses):
            clauses.append((Occur.Must, Query.all_query()))
        phrase = self._phrase_bonus(node)
        if phrase is not None:
            clauses.append((Occur.Should, phrase))
        return Query.boolean_query(clauses)

    def _phrase_bonus(self, node: And) -> Query | None:
        """Plain words typed together score more where they appear together, in that order."""
        words = [i for i in node.items if isinstance(i, Term) and not i.prefix and i.field is None]
        if len(words) < 2 or len(words) != len(node.items):
            return None
        return self._text(" ".join(w.text for w in words), self.layout.texts, PHRASE_BOOST)

    # ------------------------------------------------------------------ filters and visibility

    def filter(self, item: Filter | RangeFilter) -> tuple[Occur, Query] | None:
        if isinstance(item, RangeFilter):
            if item.start is None and item.end is None:
                return None
            start = microseconds(item.start) if item.start is not None else None
            end = microseconds(item.end) if item.end is not None else None
            return Occur.Must, Query.range_query(
                self.schema, f"d_{item.field}", FieldType.Integer, start, end
            )
        values = [self.adapter.normalise(item.field, v) for v in item.values]
        query = Query.term_set_query(self.schema, self.layout.keyword_field(item.field), values)
        return (Occur.MustNot if item.negate else Occur.Must), query

    def visibility(self, rule: Visibility) -> Query:
        alternatives = []
        for clause in rule.alternatives:
            parts = [
                (
                    Occur.Must,
                    Query.term_set_query(
                        self.schema, self.layout.keyword_field(field), list(values)
                    ),
                )
                for field, values in sorted(clause.items())
            ]
            alternatives.append(Query.boolean_query(parts))
        if not alternatives:
            return Query.empty_query()
        return _should(alternatives) or Query.empty_query()

    def combine(self, text: Query | None, rule: Visibility, filters: tuple) -> Query:  # type: ignore[type-arg]
        """Text (scored) AND visibility AND filters (unscored)."""
        clauses: list[tuple[Occur, Query]] = [
            (Occur.Must, text if text is not None else Query.all_query()),
            (Occur.Must, Query.const_score_query(self.visibility(rule), 0.0)),
        ]
        for item in filters:
            built = self.filter(item)
            if built is not None:
                occur, query = built
                scored = query if occur == Occur.MustNot else Query.const_score_query(query, 0.0)
                clauses.append((occur, scored))
        return Query.boolean_query(clauses)
