"""The search page's state, read from and written back to the URL.

The whole state (text, filters, sort, page) lives in the query string, so a search can be
bookmarked and shared, the back button works, and the page works without JavaScript; htmx only
swaps the part of the page that changed. Parameter names are those of the CKAN API's fields
(`organization`, `res_format`, `license_id`, ...) so that a portal URL and an API call read
alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from agora.search.errors import InvalidSearchQuery
from agora.search.query import And, Filter, MatchAll, SearchQuery, Sort, Term, TextNode
from agora.search.syntax import parse_query

# Facets in the order the page shows them: (field, label).
FACETS: tuple[tuple[str, object], ...] = (
    ("organization", _("Publisher")),
    ("country", _("Country")),
    ("theme", _("Theme")),
    ("res_format", _("Format")),
    ("license_id", _("Licence")),
    ("tags", _("Keyword")),
    ("language", _("Language")),
)
FACET_FIELDS = tuple(name for name, _label in FACETS)
SORTS: dict[str, tuple[object, tuple[Sort, ...]]] = {
    "relevance": (_("Relevance"), (Sort("score", descending=True),)),
    "modified": (_("Recently updated"), (Sort("metadata_modified", descending=True),)),
    "newest": (_("Newest"), (Sort("metadata_created", descending=True),)),
    "title": (_("Title (A–Z)"), (Sort("title_string"),)),
}
MAX_TEXT = 500
MAX_VALUES = 20
MAX_PAGE = 500


def _page(raw: str | None) -> int:
    try:
        return min(max(int(raw or 1), 1), MAX_PAGE)
    except ValueError:
        return 1


def text_node(text: str) -> TextNode:
    """The search box accepts the query syntax (phrases, OR, -word); anything it cannot
    honour falls back to plain words rather than to an error."""
    try:
        return parse_query(text)
    except InvalidSearchQuery:
        words = [Term(w) for w in text.split()[:50] if w.strip('"():*')]
        return And(tuple(words)) if words else MatchAll()


@dataclass(frozen=True)
class SearchState:
    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = ""
    page: int = 1

    @classmethod
    def from_params(cls, params: QueryDict) -> SearchState:
        filters = {}
        for name in FACET_FIELDS:
            values = [v.strip()[:200] for v in params.getlist(name) if v.strip()]
            if values:
                filters[name] = tuple(dict.fromkeys(values))[:MAX_VALUES]
        sort = params.get("sort", "")
        return cls(
            q=params.get("q", "").strip()[:MAX_TEXT],
            filters=filters,
            sort=sort if sort in SORTS else "",
            page=_page(params.get("page")),
        )

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.q else "modified")

    def to_query(self, *, page_size: int, language: str = "en") -> SearchQuery:
        """The page's SearchQuery. With words typed, the engine also highlights the matches
        (snippets and titles in the reader's `language`) and suggests spellings when a word
        finds nothing ("did you mean")."""
        return SearchQuery(
            text=text_node(self.q) if self.q else MatchAll(),
            filters=tuple(Filter(name, values) for name, values in self.filters.items()),
            facets=FACET_FIELDS,
            facet_limit=50,
            sort=SORTS[self.effective_sort][1],
            offset=(self.page - 1) * page_size,
            limit=page_size,
            # The visibility rule still applies: members see their organization's private
            # datasets (badged as such), everyone else never does. Drafts stay in the workspace.
            include_private=True,
            highlight=bool(self.q),
            suggest=bool(self.q),
            language=language,
        )

    def params(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = [("q", self.q)] if self.q else []
        for name in FACET_FIELDS:
            pairs.extend((name, value) for value in self.filters.get(name, ()))
        if self.sort:
            pairs.append(("sort", self.sort))
        if self.page > 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def url(self) -> str:
        query = urlencode(self.params())
        return f"?{query}" if query else "?"

    def _with(self, **changes: object) -> SearchState:
        values = {"q": self.q, "filters": self.filters, "sort": self.sort, "page": 1}
        values.update(changes)
        return SearchState(**values)  # type: ignore[arg-type]

    def toggled(self, name: str, value: str) -> SearchState:
        """The state with a facet value added, or removed when it is already selected."""
        current = self.filters.get(name, ())
        chosen = tuple(v for v in current if v != value) if value in current else (*current, value)
        filters = {k: v for k, v in self.filters.items() if k != name}
        if chosen:
            filters[name] = chosen
        ordered = {k: filters[k] for k in FACET_FIELDS if k in filters}
        return self._with(filters=ordered)

    def is_selected(self, name: str, value: str) -> bool:
        return value in self.filters.get(name, ())

    def without_text(self) -> SearchState:
        return self._with(q="")

    def on_page(self, page: int) -> SearchState:
        return SearchState(q=self.q, filters=self.filters, sort=self.sort, page=page)

    @property
    def is_empty(self) -> bool:
        return not self.q and not self.filters
