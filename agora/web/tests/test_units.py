"""Pure helpers of the portal: maps, revision diffs, search state, snippets, citation."""

from __future__ import annotations

import datetime as dt

from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from agora.web.citation import citation_text
from agora.web.diffs import revision_changes
from agora.web.maps import spatial_map
from agora.web.search_state import FACET_FIELDS, SearchState
from agora.web.snippets import snippet


def test_map_of_a_small_polygon_has_a_world_frame_and_a_zoom():
    geometry = {"type": "Polygon", "coordinates": [[[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]]}
    drawn = spatial_map(geometry, None)
    assert drawn.bbox == (1.0, 1.0, 2.0, 2.0)
    assert drawn.world.view_box == "-180.000 -90.000 360.000 180.000"
    assert drawn.zoom is not None
    assert "M1.000,-1.000" in drawn.zoom.shapes


def test_map_of_a_continent_needs_no_zoom_and_points_become_markers():
    geometry = {"type": "MultiPoint", "coordinates": [[-70, -50], [40, 60]]}
    drawn = spatial_map(geometry, None)
    assert drawn.zoom is None
    assert drawn.world.points == ((-70.0, 50.0), (40.0, -60.0))


def test_map_keeps_large_geometries_small():
    ring = [[i / 100, (i % 7) / 10] for i in range(20000)] + [[0, 0]]
    drawn = spatial_map({"type": "Polygon", "coordinates": [ring]}, None)
    assert drawn.world.shapes.count(" ") < 2000


def test_no_geometry_and_no_box_means_no_map():
    assert spatial_map(None, None) is None


def test_diff_names_languages_and_distributions():
    old = {"title": {"en": "A"}, "tags": ["x"], "distributions": [{"id": "1", "title": "f"}]}
    new = {"title": {"en": "B", "fr": "B fr"}, "tags": ["x"], "distributions": []}
    changes = {(c.field, c.detail): (c.old, c.new) for c in revision_changes(old, new)}
    assert changes == {
        ("title", "en"): ("A", "B"),
        ("title", "fr"): ("", "B fr"),
        ("distributions", "f"): ("f", ""),
    }


def test_diff_ignores_bookkeeping_fields():
    assert revision_changes({"revision_number": 1}, {"revision_number": 2}) == []


state_strategy = st.builds(
    SearchState,
    q=st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).map(str.strip),
    filters=st.dictionaries(
        st.sampled_from(FACET_FIELDS),
        st.lists(
            st.text("abcxyz-", min_size=1, max_size=8), min_size=1, max_size=3, unique=True
        ).map(tuple),
        max_size=3,
    ).map(lambda d: {k: d[k] for k in FACET_FIELDS if k in d}),
    sort=st.sampled_from(["", "title", "newest", "modified", "relevance"]),
    page=st.integers(min_value=1, max_value=500),
)


@given(state_strategy)
def test_the_url_round_trips_the_search_state(state):
    assert SearchState.from_params(QueryDict(state.url()[1:])) == state


@given(state_strategy, st.sampled_from(FACET_FIELDS), st.text("abc", min_size=1, max_size=3))
def test_toggling_a_facet_value_twice_gives_back_the_filters(state, field, value):
    twice = state.toggled(field, value).toggled(field, value).filters
    assert {k: set(v) for k, v in twice.items()} == {k: set(v) for k, v in state.filters.items()}


def test_snippet_escapes_the_text_and_marks_the_words():
    text = "Air <b>quality</b> in Nairobi and air pollution"
    assert str(snippet(text, ["air"])) == (
        "<mark>Air</mark> &lt;b&gt;quality&lt;/b&gt; in Nairobi and <mark>air</mark> pollution"
    )


def test_citation_names_publisher_year_title_version_and_link():
    text = citation_text(
        publisher="Statistics Office",
        title="Census",
        year=2020,
        version="2",
        portal="Agora",
        url="https://data.example.org/dataset/census",
        accessed=dt.date(2026, 1, 2),
        dataset_label="Dataset",
        version_label="version",
        accessed_label="accessed",
    )
    assert text == (
        "Statistics Office (2020). Census (version 2). [Dataset]. Agora. "
        "https://data.example.org/dataset/census (accessed 2026-01-02)"
    )
