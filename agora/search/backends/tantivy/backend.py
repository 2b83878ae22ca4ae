"""The embedded engine: tantivy (Rust, through tantivy-py), one index on local disk per kind.

One process writes (the worker draining the outbox, or a rebuild); every app process reads,
and sees commits without restarting. A search is one boolean query (text, visibility and
filters together), one top-k collection and, when facets are asked for, one aggregation
call whose per-segment size is large enough to make the counts exact.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson
import tantivy
from django.conf import settings
from tantivy import Occur, Order, Query

from agora.core.i18n import pick

from ...adapters import SearchAdapter
from ...analysis import terms
from ...documents import OTHER_LANGUAGE, SearchDocument, Visibility, iso_utc
from ...errors import InvalidSearchQuery
from ...query import FacetCount, SearchQuery, SearchResult, Sort, Term
from ...suggest import best_correction, correctable_words
from ...syntax import unparse
from ..base import Completion, IndexWriter, SearchBackend
from .querying import QueryBuilder, regex_escape
from .schema import Layout, from_microseconds
from .store import IndexStore, store_for

SUGGESTION_SOURCES = 30


class TantivyWriter(IndexWriter):
    def __init__(
        self, store: IndexStore, index: tantivy.Index, writer: tantivy.IndexWriter
    ) -> None:
        self.store = store
        self.index = index
        self.writer = writer
        self.layout = store.layout
        # A fresh generation has nothing to replace until its first commit.
        self.bulk = False

    def put(self, documents: Iterable[SearchDocument]) -> int:
        count = 0
        for document in documents:
            if not self.bulk:
                self.writer.delete_documents_by_term("id", document.id)
            self.writer.add_document(self.layout.document(document))
            count += 1
        return count

    def delete(self, ids: Iterable[str]) -> None:
        for key in ids:
            self.writer.delete_documents_by_term("id", key)

    def encode(self, document: SearchDocument) -> str:
        return self.layout.json(document)

    def put_encoded(self, items: list[Any]) -> int:
        if not self.bulk:
            raise RuntimeError("encoded documents only go into a fresh index")
        for item in items:
            self.writer.add_json(item)
        return len(items)

    def commit(self) -> None:
        self.writer.commit()
        self.bulk = False
        self.store.refresh(self.index)


def _memory() -> int:
    return int(settings.AGORA_SEARCH_WRITER_MEMORY_MB) * 1_000_000


class TantivyBackend(SearchBackend):
    name = "tantivy"
    uses_outbox = True

    def _store(self, adapter: SearchAdapter) -> IndexStore:
        return store_for(adapter.name, Layout.of(adapter))

    # ------------------------------------------------------------------ writing

    @contextlib.contextmanager
    def writer(self, adapter: SearchAdapter) -> Iterator[IndexWriter]:
        store = self._store(adapter)
        with store.exclusive():
            index = store.open()
            writer = index.writer(_memory(), settings.AGORA_SEARCH_WRITER_THREADS)
            try:
                yield TantivyWriter(store, index, writer)
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()

    def rebuild(self, adapter: SearchAdapter, fill: Callable[[IndexWriter], None]) -> None:
        store = self._store(adapter)
        with store.exclusive():
            name, index = store.create_generation()
            writer = index.writer(_memory(), settings.AGORA_SEARCH_WRITER_THREADS)
            wrapped = TantivyWriter(store, index, writer)
            wrapped.bulk = True
            try:
                fill(wrapped)
                wrapped.commit()
                writer.wait_merging_threads()
            except BaseException:
                with contextlib.suppress(Exception):
                    writer.rollback()
                shutil.rmtree(store.folder / name, ignore_errors=True)
                raise
            store.publish(name)

    def stamps(self, adapter: SearchAdapter) -> Iterator[tuple[str, int]]:
        searcher = self._store(adapter).open().searcher()
        total = searcher.num_docs
        if not total:
            return
        hits = searcher.search(Query.all_query(), total, count=False).hits
        addresses = [address for _score, address in hits]
        for start in range(0, len(addresses), 10_000):
            chunk = addresses[start : start + 10_000]
            stamps = searcher.fast_field_values("stamp", chunk)
            for address, stamp in zip(chunk, stamps, strict=True):
                yield searcher.doc(address)["id"][0], int(stamp or 0)

    def count(self, adapter: SearchAdapter) -> int:
        return int(self._store(adapter).open().searcher().num_docs)

    # ------------------------------------------------------------------ searching

    def search(
        self, adapter: SearchAdapter, visibility: Visibility, query: SearchQuery
    ) -> SearchResult:
        index = self._store(adapter).open()
        builder = QueryBuilder(index.schema, Layout.of(adapter), adapter)
        text = builder.text(query.text)
        combined = builder.combine(text, visibility, query.filters)
        searcher = index.searcher()
        order = _order(adapter, query, scored=text is not None)
        total, ids = _hits(adapter, searcher, combined, query, order)
        facets = _facets(Layout.of(adapter), searcher, combined, query) if query.facets else {}
        suggestions: list[str] = []
        if query.suggest and text is not None:
            suggestions = self._suggest(searcher, builder, visibility, query)
        return SearchResult(total=total, ids=ids, facets=facets, suggestions=suggestions)

    # ------------------------------------------------------------------ suggestions

    def _suggest(
        self,
        searcher: tantivy.Searcher,
        builder: QueryBuilder,
        visibility: Visibility,
        query: SearchQuery,
    ) -> list[str]:
        """For each word that finds nothing visible, the closest word of visible titles."""
        rule = Query.const_score_query(builder.visibility(visibility), 0.0)
        corrections = {}
        for word in correctable_words(query.text):
            alone = builder.text(Term(word))
            if alone is not None and _count(searcher, alone, rule):
                continue
            plain = terms(word, OTHER_LANGUAGE)
            if len(plain) != 1:
                continue
            fuzzy = Query.fuzzy_term_query(builder.schema, "title_plain", plain[0], distance=2)
            titles = _titles(searcher, fuzzy, rule)
            found = best_correction(plain[0], titles)
            if found:
                corrections[word] = found
        return [unparse(query.text, corrections)] if corrections else []

    # ------------------------------------------------------------------ autocomplete

    def autocomplete(
        self, adapter: SearchAdapter, visibility: Visibility, text: str, limit: int
    ) -> list[Completion]:
        index = self._store(adapter).open()
        builder = QueryBuilder(index.schema, Layout.of(adapter), adapter)
        words = terms(text, OTHER_LANGUAGE)
        if not words or limit <= 0:
            return []
        if len(words) == 1:
            match = Query.regex_query(index.schema, "title_plain", regex_escape(words[0]) + ".*")
        else:
            match = Query.phrase_prefix_query(index.schema, "title_plain", words)
        combined = Query.boolean_query(
            [
                (Occur.Must, match),
                (Occur.Must, Query.const_score_query(builder.visibility(visibility), 0.0)),
            ]
        )
        searcher = index.searcher()
        hits = searcher.search(combined, limit, count=False, weight_by_field="boost").hits
        found = []
        for _score, address in hits:
            doc = searcher.doc(address)
            titles = orjson.loads(doc["titles"][0]) if doc["titles"] else {}
            found.append(Completion(id=doc["id"][0], title=_title(titles)))
        return found


def _count(searcher: tantivy.Searcher, query: Query, rule: Query) -> int:
    both = Query.boolean_query([(Occur.Must, query), (Occur.Must, rule)])
    return int(searcher.search(both, 1, count=True).count or 0)


def _titles(searcher: tantivy.Searcher, query: Query, rule: Query) -> list[str]:
    both = Query.boolean_query([(Occur.Must, query), (Occur.Must, rule)])
    titles = []
    for _score, address in searcher.search(both, SUGGESTION_SOURCES, count=False).hits:
        stored = searcher.doc(address)["titles"]
        if stored:
            titles.extend(orjson.loads(stored[0]).values())
    return titles


def _title(titles: dict[str, str]) -> str:
    return pick(titles)[0]


def _order(adapter: SearchAdapter, query: SearchQuery, *, scored: bool) -> Sort | None:
    """The sort the engine applies (None: relevance): the first key that means something for
    this query. Relevance means nothing without words; the most recently modified come first
    then, as in CKAN's default "score desc, metadata_modified desc"."""
    for sort in query.sort:
        if sort.field == "score":
            if scored:
                return None
            continue
        if sort.field not in adapter.sorts:
            raise InvalidSearchQuery(f"Cannot sort by {sort.field}")
        return sort
    return None if scored else Sort("metadata_modified", descending=True)


def _hits(
    adapter: SearchAdapter,
    searcher: tantivy.Searcher,
    combined: Query,
    query: SearchQuery,
    order: Sort | None,
) -> tuple[int, list[str]]:
    """The total and the ids of one page. tantivy refuses a page of 0 and sizes its heap by
    offset + limit, so both are bounded by the number of documents."""
    available = int(searcher.num_docs)
    offset = min(query.offset, available)
    limit = min(query.limit, available - offset)
    options: dict[str, object] = {"count": True, "offset": offset}
    if order is None:
        options["weight_by_field"] = "boost"
    else:
        options["order_by_field"] = Layout.of(adapter).sort_field(order.field)
        options["order"] = Order.Desc if order.descending else Order.Asc
    result = searcher.search(combined, max(limit, 1), **options)
    hits = result.hits[:limit] if limit > 0 else []
    ids = [searcher.doc(address)["id"][0] for _key, address in hits]
    return int(result.count or 0), ids


def _facets(
    layout: Layout, searcher: tantivy.Searcher, combined: Query, query: SearchQuery
) -> dict[str, list[FacetCount]]:
    """Every facet in one aggregation call. `segment_size` makes each segment report enough
    terms for the merged counts to be exact (tantivy's default can undercount rare values)."""
    size = query.facet_limit if query.facet_limit >= 0 else 10_000
    request = {}
    for name in query.facets:
        field = f"d_{name}" if name in layout.dates else layout.keyword_field(name)
        request[name] = {
            "terms": {
                "field": field,
                "size": max(size, 1),
                "segment_size": max(settings.AGORA_SEARCH_FACET_SEGMENT_SIZE, size),
                # Never list values that no visible document has (they could be private).
                "min_doc_count": max(query.facet_mincount, 1),
            }
        }
    answer = searcher.aggregate(combined, request)
    facets = {}
    for name in query.facets:
        buckets = answer.get(name, {}).get("buckets", [])
        counts = [
            FacetCount(_facet_value(layout, name, b["key"]), int(b["doc_count"])) for b in buckets
        ]
        counts.sort(key=lambda c: (-c.count, c.value))
        facets[name] = counts[:size] if size > 0 else []
    return facets


def _facet_value(layout: Layout, name: str, key: object) -> str:
    if name in layout.dates:
        return iso_utc(from_microseconds(int(key)))  # type: ignore[call-overload]
    return str(key)
