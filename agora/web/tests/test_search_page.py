"""The search page: facets, chips, sort, pages, snippets, htmx partials, query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agora.catalog.tests.factories import DatasetFactory, DistributionDraftFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(org, other_org):
    for n in range(25):
        DatasetFactory(
            name=f"water-{n:02d}",
            title={"en": f"Water quality {n}"},
            description={"en": f"Measurements of river water quality, series {n}."},
            organization=org if n % 2 else other_org,
            tags=["water", f"series-{n}"],
            themes=["ENVI"],
            countries=["KEN" if n % 3 else "GHA"],
            distributions=DistributionDraftFactory.build_batch(2),
        )


def test_search_finds_matching_datasets_and_marks_the_words_in_snippets(web, many):
    response = web.get("/search", {"q": "river"})
    assert response.context["result"].total == 25
    assert "<mark>river</mark>" in response.content.decode()


def test_facets_count_and_a_selected_value_becomes_a_chip_that_removes_it(web, many):
    response = web.get("/search", {"country": "GHA"})
    assert response.context["result"].total == 9
    chips = response.context["chips"]
    assert [c["label"] for c in chips] == ["Ghana"]
    assert web.get("/search" + chips[0]["url"]).context["result"].total == 25


def test_two_values_of_one_facet_are_alternatives_and_two_facets_combine(web, many):
    both = web.get("/search?country=GHA&country=KEN").context["result"].total
    narrowed = web.get("/search?country=GHA&organization=ministry-of-health")
    assert both == 25
    assert 0 < narrowed.context["result"].total < 9


def test_the_url_holds_the_whole_state(web, many):
    response = web.get("/search?q=water&tags=water&sort=title&page=2")
    state = response.context["state"]
    assert state.url() == "?q=water&tags=water&sort=title&page=2"
    assert response.context["pagination"]["current"] == 2


def test_sort_by_title_orders_results(web, many):
    titles = [c.title.text for c in web.get("/search?sort=title").context["cards"]]
    assert titles == sorted(titles)


def test_pages_hold_the_page_size_and_link_to_each_other(web, many, settings):
    settings.AGORA_WEB_SEARCH_PAGE_SIZE = 10
    response = web.get("/search")
    pagination = response.context["pagination"]
    assert (pagination["current"], pagination["last"]) == (1, 3)
    assert pagination["next"] == "?page=2"
    assert len(response.context["cards"]) == 10


def test_htmx_requests_get_only_the_search_area(web, many):
    response = web.get("/search?q=water", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="search-area"')
    assert "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_search_page_works_in_arabic_with_translated_chrome(in_arabic, many):
    body = in_arabic.get("/search?q=water").content.decode()
    assert 'dir="rtl"' in body
    assert "تصفية النتائج" in body  # "Filter results"


def test_a_query_the_syntax_cannot_parse_is_searched_as_words(web, many):
    assert web.get("/search", {"q": "((((" * 40 + "water"}).status_code == 200


def test_unknown_parameters_and_bad_pages_are_ignored(web, many):
    assert web.get("/search?page=abc&sort=nope&foo=bar").status_code == 200


def test_engine_snippets_are_used_and_cleaned_when_the_backend_gives_them(web, many, monkeypatch):
    from agora.search.query import SearchResult
    from agora.web.views import search as view

    real = view.search

    def with_snippets(*, actor, query):
        result = real(actor=actor, query=query)
        snippets = dict.fromkeys(result.ids, "<em>river</em> <script>x</script>")
        return type(
            "R",
            (),
            {
                "total": result.total,
                "ids": result.ids,
                "facets": result.facets,
                "snippets": snippets,
            },
        )()

    monkeypatch.setattr(view, "search", with_snippets)
    body = web.get("/search?q=river").content.decode()
    assert "<mark>river</mark> x" in body or "<mark>river</mark> " in body
    assert "<script>x" not in body
    assert SearchResult  # the contract the fake stands in for


def _queries(web, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert web.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_search_page_queries_do_not_grow_with_the_number_of_results(web, many, settings):
    settings.AGORA_WEB_SEARCH_PAGE_SIZE = 2
    small = _queries(web, "/search?q=water")
    settings.AGORA_WEB_SEARCH_PAGE_SIZE = 20
    large = _queries(web, "/search?q=water")
    assert large == small


def test_a_misspelled_word_gets_a_did_you_mean_link(web, many):
    response = web.get("/search", {"q": "quallity"})
    assert response.context["result"].total == 0
    assert "quality" in response.context["suggestions"]
    assert 'href="?q=quality"' in response.content.decode()
