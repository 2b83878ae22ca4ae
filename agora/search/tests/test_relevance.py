"""Ranking and languages: titles and keywords count more than descriptions, phrases and recent
datasets a little more; each language is stemmed as that language, Chinese without spaces."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import found, make, names, run

pytestmark = pytest.mark.django_db


def _ranked(q: str) -> list[str]:
    return names(run(q=q, limit=20))


def test_a_match_in_the_title_ranks_above_one_in_the_description(engine, org):
    make(org, "in-notes", "Annual figures", description={"en": "Rainfall by district."})
    make(org, "in-title", "Rainfall by district", description={"en": "Annual figures."})
    assert _ranked("rainfall") == ["in-title", "in-notes"]


def test_a_matching_keyword_ranks_above_a_match_in_the_description(engine, org):
    make(org, "in-notes", "Annual figures", description={"en": "Mentions glaciers once."})
    make(org, "in-keywords", "Annual series", tags=["glaciers"], description={"en": "Ice."})
    assert _ranked("glaciers") == ["in-keywords", "in-notes"]


def test_words_together_in_order_rank_above_the_same_words_apart(engine, org):
    make(org, "apart", "Deaths on rural road networks", description={"en": "Statistics."})
    make(org, "together", "Rural road deaths", description={"en": "Statistics."})
    assert _ranked("road deaths") == ["together", "apart"]


def test_between_equal_matches_the_more_recently_modified_comes_first(engine, org):
    make(org, "newer", "Tide gauges", modified=dt.datetime(2024, 5, 1, tzinfo=dt.UTC))
    make(org, "older", "Tide gauges", modified=dt.datetime(2012, 5, 1, tzinfo=dt.UTC))
    assert _ranked("tide gauges") == ["newer", "older"]


def test_recency_is_a_small_boost_not_a_sort(engine, org):
    make(org, "old-but-exact", "Tide gauges", modified=dt.datetime(2003, 1, 1, tzinfo=dt.UTC))
    make(
        org,
        "new-but-loose",
        "Harbour records",
        description={"en": "Includes tide readings and gauges."},
        modified=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )
    assert _ranked("tide gauges") == ["old-but-exact", "new-but-loose"]


MULTILINGUAL = [
    # (query, datasets found): stemming in the dataset's own language
    ("statistics", ["en-stats"]),
    ("statistical", ["en-stats"]),
    ("données", ["fr-donnees"]),
    ("donnees", ["fr-donnees"]),  # accents folded
    ("donnée", ["fr-donnees"]),
    ("estadísticas", ["es-estadisticas"]),
    ("estadística", ["es-estadisticas"]),
    ("данные", ["ru-dannye"]),
    ("данных", ["ru-dannye"]),
    ("المكتبة", ["ar-maktabat"]),
    ("人口", ["zh-renkou"]),
    ("普查", ["zh-renkou"]),
    ("人口普查", ["zh-renkou"]),
    ("口普", ["zh-renkou"]),  # any run of characters, as in the text
    ("统计", []),
]


@pytest.fixture
def languages(engine, org) -> None:
    make(org, "en-stats", {"en": "Road traffic statistics"}, languages=["en"])
    make(org, "fr-donnees", {"fr": "Données de la circulation routière"}, languages=["fr"])
    make(org, "es-estadisticas", {"es": "Estadísticas del tráfico"}, languages=["es"])
    make(org, "ru-dannye", {"ru": "Данные о дорожном движении"}, languages=["ru"])
    make(org, "ar-maktabat", {"ar": "المكتبات الوطنية"}, languages=["ar"])
    make(org, "zh-renkou", {"zh": "2020年人口普查数据"}, languages=["zh"])


def test_each_language_is_searched_with_its_own_stemming(languages):
    answers = {q: found(q) for q, _ in MULTILINGUAL}
    assert answers == dict(MULTILINGUAL)


def test_a_dataset_with_several_languages_is_found_in_each(engine, org):
    make(
        org,
        "bilingual",
        {"en": "Water quality", "fr": "Qualité de l'eau"},
        description={"en": "Rivers.", "fr": "Rivières."},
    )
    assert found("qualité") == found("quality") == found("rivières") == ["bilingual"]
