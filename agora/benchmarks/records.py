"""Benchmark records: the shapes the selectors return to every handler (native API, CSV
downloads, the web pages to come). Our own types, built in a fixed number of queries, so a
handler only renders them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CountryRef:
    code: str
    name: str
    region_code: str
    region: str
    subregion_code: str
    subregion: str
    groups: tuple[str, ...] = ()  # "ldc", "lldc", "sids" at the edition's date


@dataclass(frozen=True)
class ValueCell:
    value: float
    text: str
    source: str  # published | computed
    published: float | None = None
    computed: float | None = None


@dataclass(frozen=True)
class ScoreRow:
    country: CountryRef
    framework: str
    edition: str
    year: int
    values: dict[str, ValueCell]
    rank: int | None = None
    published_rank: int | None = None
    group: str = ""
    rating_class: str = ""

    def flat(self, indices: list[str]) -> dict[str, Any]:
        """One CSV/JSON row: the country, its groups, rank and one column per index."""
        row: dict[str, Any] = {
            "framework": self.framework,
            "edition": self.edition,
            "year": self.year,
            "country": self.country.code,
            "country_name": self.country.name,
            "region": self.country.region,
            "subregion": self.country.subregion,
            "ldc": "ldc" in self.country.groups,
            "lldc": "lldc" in self.country.groups,
            "sids": "sids" in self.country.groups,
            "rank": self.rank,
            "published_rank": self.published_rank,
            "group": self.group,
            "rating_class": self.rating_class,
        }
        for index in indices:
            cell = self.values.get(index)
            row[index] = cell.text if cell else None
            row[f"{index}_source"] = cell.source if cell else None
        return row


def flat_columns(indices: list[str]) -> list[str]:
    base = [
        "framework",
        "edition",
        "year",
        "country",
        "country_name",
        "region",
        "subregion",
        "ldc",
        "lldc",
        "sids",
        "rank",
        "published_rank",
        "group",
        "rating_class",
    ]
    return base + [c for index in indices for c in (index, f"{index}_source")]


@dataclass(frozen=True)
class ScoreTable:
    framework: str
    edition: str
    year: int
    indices: list[str]
    rows: list[ScoreRow]
    run: dict[str, Any] = field(default_factory=dict)  # the scoring run: when, definition, findings

    def flat_rows(self) -> list[dict[str, Any]]:
        return [r.flat(self.indices) for r in self.rows]

    @property
    def columns(self) -> list[str]:
        return flat_columns(self.indices)


@dataclass(frozen=True)
class EvidenceRecord:
    id: str
    question: str | None
    kind: str  # dataset | document
    title: str
    url: str
    dataset: str | None = None  # dataset name, when the reader may see it


@dataclass(frozen=True)
class CommentRecord:
    id: int
    question: str | None
    author: str
    body: str
    created: str


@dataclass(frozen=True)
class AnswerRecord:
    question: str
    dimension: str
    answer_type: str
    text: str
    weight: float
    evidence_required: bool
    value: Any = None
    comment: str = ""
    indicator: str = ""
    measured: float | None = None


@dataclass(frozen=True)
class AssessmentRecord:
    id: str
    country: CountryRef
    period: str
    status: str
    questionnaire: str
    questionnaire_version: int
    created: str
    submitted_at: str | None
    reviewed_at: str | None
    published_at: str | None
    answers: list[AnswerRecord]
    evidence: list[EvidenceRecord]
    comments: list[CommentRecord]
    result: dict[str, Any]
