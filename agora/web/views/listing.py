"""Lists of datasets filtered by one facet (a publisher, a country, a theme), via search.

These pages reuse the search engine with one filter, so they apply the same visibility rule
as every search and link to the full search page for the rest.
"""

from __future__ import annotations

from urllib.parse import urlencode

from agora.core.actor import Actor
from agora.search.query import Filter, SearchQuery, Sort
from agora.search.selectors import search

from .cards import DatasetCard, cards_for

LIST_SIZE = 10


def datasets_with(actor: Actor, field: str, value: str) -> tuple[int, list[DatasetCard], str]:
    """(total, newest cards, link to the search page with that filter)."""
    result = search(
        actor=actor,
        query=SearchQuery(
            filters=(Filter(field, (value,)),),
            sort=(Sort("metadata_modified", descending=True),),
            limit=LIST_SIZE,
            include_private=True,
        ),
    )
    link = "?" + urlencode({field: value})
    return result.total, cards_for(result.ids), link
