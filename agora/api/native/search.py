"""/api/v1/search: dataset search with typed filters, facets, sorts, cursors, highlighted
snippets and "did you mean"; title autocomplete.

A thin handler: parameters become a SearchQuery, `search.selectors` runs it within the
caller's visibility, and the page is hydrated in a fixed number of queries. Hits are checked
once more against the database's visibility before anything is shown, so a dataset made
private a moment ago never appears while the index catches up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal

import orjson
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from agora.catalog import selectors as catalog
from agora.core.errors import BadRequest
from agora.core.i18n import pick
from agora.search import registry
from agora.search.query import Filter, RangeFilter, SearchQuery, Sort
from agora.search.selectors import autocomplete, search
from agora.search.syntax import parse_query

from .pagination import decode_cursor, encode_cursor
from .schemas import OrganizationSummary, Problem
from .security import actor

router = Router(tags=["search"])
ERRORS = {400: Problem, 403: Problem, 422: Problem, 503: Problem}

FacetName = Literal[
    "organization", "tags", "res_format", "license_id", "country", "theme", "language"
]
SortName = Literal["relevance", "modified", "-modified", "created", "-created", "title", "name"]
SORTS: dict[str, tuple[Sort, ...]] = {
    "relevance": (Sort("score", True), Sort("metadata_modified", True)),
    "-modified": (Sort("metadata_modified", True),),
    "modified": (Sort("metadata_modified"),),
    "-created": (Sort("metadata_created", True),),
    "created": (Sort("metadata_created"),),
    "title": (Sort("title_string"),),
    "name": (Sort("name"),),
}
# Typed filter parameter -> the search field it filters.
FILTERS = {
    "organization": "organization",
    "tag": "tags",
    "format": "res_format",
    "licence": "license_id",
    "country": "country",
    "theme": "theme",
    "language": "language",
}


class SearchParams(Schema):
    q: str = Field("", description='Words, "phrases", AND/OR/NOT, -excluded, field:value, pre*')
    organization: list[str] = Field(default_factory=list, description="Organization names")
    tag: list[str] = Field(default_factory=list)
    format: list[str] = Field(default_factory=list, description="Distribution formats, e.g. CSV")
    licence: list[str] = Field(default_factory=list, description="Licence ids")
    country: list[str] = Field(default_factory=list, description="ISO 3166-1 alpha-3 codes")
    theme: list[str] = Field(default_factory=list, description="EU data-theme codes")
    language: list[str] = Field(default_factory=list, description="ISO 639-1 codes")
    modified_since: dt.datetime | None = None
    modified_before: dt.datetime | None = None
    created_since: dt.datetime | None = None
    created_before: dt.datetime | None = None
    sort: SortName = Field("relevance", description="A leading - sorts newest first")
    facets: list[FacetName] = Field(default_factory=list, description="Fields to count")
    facet_limit: int = Field(20, ge=1, le=1000)
    include_private: bool = Field(False, description="Add the private datasets you may see")
    include_drafts: bool = Field(False, description="Add the drafts you may see")
    lang: str = Field("en", max_length=8, description="Language of titles and snippets")
    cursor: str | None = None
    limit: int = Field(20, ge=1, le=100)


class FacetValue(Schema):
    value: str
    label: str
    count: int


class SearchHit(Schema):
    id: str
    name: str
    title: str = Field(description="The title in `lang` (or the closest language it has)")
    title_html: str = Field(description="The title, escaped, matches in <mark>")
    snippet_html: str = Field(description="A passage of the description, matches in <mark>")
    organization: OrganizationSummary
    tags: list[str]
    formats: list[str]
    private: bool
    state: str
    metadata_modified: dt.datetime


class SearchPage(Schema):
    count: int
    items: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    suggestions: list[str] = Field(description='"Did you mean": the query with words corrected')
    next_cursor: str | None = Field(description="Pass as `cursor` to get the next page")


class Completion(Schema):
    id: str
    name: str
    title: str


def _fingerprint(params: SearchParams) -> str:
    data = params.model_dump(exclude={"cursor", "limit"}, mode="json")
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()[:12]


def _offset(params: SearchParams) -> int:
    """Cursors are opaque: the position after the last page, bound to the same search."""
    if not params.cursor:
        return 0
    position, _, fingerprint = decode_cursor(params.cursor).partition(":")
    if fingerprint != _fingerprint(params) or not position.isdigit():
        raise BadRequest("The cursor belongs to another search", code="api.bad_cursor")
    return int(position)


def _filters(params: SearchParams) -> tuple[Filter | RangeFilter, ...]:
    found: list[Filter | RangeFilter] = [
        Filter(field, tuple(getattr(params, name)))
        for name, field in FILTERS.items()
        if getattr(params, name)
    ]
    for field, start, end in (
        ("metadata_modified", params.modified_since, params.modified_before),
        ("metadata_created", params.created_since, params.created_before),
    ):
        if start or end:
            found.append(RangeFilter(field, start, end))
    return tuple(found)


def _query(params: SearchParams, offset: int) -> SearchQuery:
    return SearchQuery(
        text=parse_query(params.q),
        filters=_filters(params),
        facets=tuple(params.facets),
        facet_limit=params.facet_limit,
        sort=SORTS[params.sort],
        offset=offset,
        limit=params.limit,
        include_private=params.include_private,
        include_drafts=params.include_drafts,
        highlight=True,
        suggest=True,
        language=params.lang,
    )


def _hits(request: HttpRequest, ids: list[str], result, lang: str) -> list[SearchHit]:  # type: ignore[no-untyped-def]
    visible = [str(v.id) for v in catalog.dataset_versions(actor(request), ids)]
    hits = []
    for record in catalog.dataset_records(visible):
        title = pick(record.title, lang)[0]
        hits.append(
            SearchHit(
                id=record.id,
                name=record.name,
                title=title,
                title_html=result.highlighted_titles.get(record.id, ""),
                snippet_html=result.snippets.get(record.id, ""),
                organization=OrganizationSummary(
                    id=record.organization.id,
                    name=record.organization.name,
                    title=record.organization.title,
                ),
                tags=list(record.tags),
                formats=sorted({d.format for d in record.distributions if d.format}),
                private=record.private,
                state=record.state,
                metadata_modified=record.metadata_modified,
            )
        )
    return hits


@router.get(
    "/search/datasets", response={200: SearchPage, **ERRORS}, operation_id="search_datasets"
)
def search_datasets(request: HttpRequest, params: Query[SearchParams]):  # type: ignore[no-untyped-def]
    """Search the datasets you may see: full text in any of the six UN languages (stemmed),
    typed filters, facet counts, sorts, highlighted passages and spelling suggestions."""
    offset = _offset(params)
    result = search(actor=actor(request), query=_query(params, offset))
    adapter = registry.get("dataset")
    facets = {}
    for name, counts in result.facets.items():
        labels = adapter.facet_labels(name, [c.value for c in counts], params.lang)
        facets[name] = [
            FacetValue(value=c.value, label=labels.get(c.value, c.value), count=c.count)
            for c in counts
        ]
    following = offset + params.limit
    more = following < result.total
    return SearchPage(
        count=result.total,
        items=_hits(request, result.ids, result, params.lang),
        facets=facets,
        suggestions=result.suggestions,
        next_cursor=encode_cursor(f"{following}:{_fingerprint(params)}") if more else None,
    )


@router.get(
    "/search/autocomplete",
    response={200: list[Completion], **ERRORS},
    operation_id="search_autocomplete",
)
def search_autocomplete(
    request: HttpRequest,
    q: str = Query(..., min_length=1, max_length=200, description="What the user typed so far"),  # type: ignore[type-arg]
    limit: int = Query(10, ge=1, le=50),  # type: ignore[type-arg]
    lang: str = Query("en", max_length=8),  # type: ignore[type-arg]
):  # type: ignore[no-untyped-def]
    """Titles of datasets you may see with words starting with `q` (for a search box)."""
    found = autocomplete(actor=actor(request), text=q, limit=limit)
    visible = {str(v.id) for v in catalog.dataset_versions(actor(request), [c.id for c in found])}
    records = {r.id: r for r in catalog.dataset_records(list(visible))}
    return [
        Completion(id=c.id, name=records[c.id].name, title=pick(records[c.id].title, lang)[0])
        for c in found
        if c.id in records
    ]
