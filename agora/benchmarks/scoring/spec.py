"""The typed shape of a framework edition: what the definition files under
agora/benchmarks/frameworks/ declare, after validation (see `parse`).

Every methodological statement carries a `Claim` saying how sure we are of it, because the
published methods are partly unknown: a weight that was never published is recorded as
UNKNOWN and is not used, rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction


class Status(StrEnum):
    """How a methodological statement is known."""

    # Stated in a primary or authoritative document (cited in `sources`).
    CONFIRMED = "confirmed"
    # Reproduced by Agora's golden tests on the published tables (the check is in `note`).
    VERIFIED = "verified"
    # Domain knowledge consistent with the data but not re-read in a primary document.
    RECALLED = "recalled"
    # Not published or not found: Agora does not compute what depends on it.
    UNKNOWN = "unknown"


class Method(StrEnum):
    """How an index value is obtained."""

    PUBLISHED = "published"  # taken as published; no recomputation is possible
    MEAN = "mean"  # weighted mean of other indices of the edition (EGDI, OURdata pillars)
    COMPOSITE = "composite"  # raw indicators -> cap -> z-score -> weighted sum -> min-max
    RANGE = "range"  # one point total -> (x - min) / (max - min) over assessed countries


class Normalisation(StrEnum):
    NONE = "none"
    MINMAX = "minmax"
    ZSCORE_MINMAX = "zscore_minmax"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Claim:
    about: str
    status: Status
    sources: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Component:
    """One input of an index: a raw indicator (composite, range) or another index (mean)."""

    code: str
    title: str = ""
    weight: Fraction = Fraction(1)
    cap: float | None = None
    direction: int = 1  # -1 when lower is better (e.g. prices)
    unit: str = ""
    valid_range: tuple[float | None, float | None] = (None, None)


@dataclass(frozen=True)
class IndexSpec:
    code: str
    title: str
    method: Method
    components: tuple[Component, ...] = ()
    normalisation: Normalisation = Normalisation.NONE
    valid_range: tuple[float | None, float | None] = (None, None)
    decimals: int | None = None
    tolerance: float | None = None  # |published - recomputed| allowed (MEAN)
    claims: tuple[Claim, ...] = ()
    formula: str = ""

    @property
    def recomputable(self) -> bool:
        """Whether Agora may compute this index (no UNKNOWN claim blocks it)."""
        if self.method == Method.PUBLISHED:
            return False
        return not any(c.status == Status.UNKNOWN for c in self.claims)


@dataclass(frozen=True)
class Group:
    code: str
    label: str
    above: float  # lower bound, exclusive: value > above (the lowest group uses -inf)
    classes: tuple[str, ...] = ()  # rating classes, best quarter first


@dataclass(frozen=True)
class Classification:
    index: str
    groups: tuple[Group, ...]  # highest first
    rating_classes: bool = False
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class RankRule:
    index: str
    rule: str = "competition"  # standard competition ranking ("1224")
    decimals: int | None = None  # round (half up) before ranking; None = as given
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class Question:
    """A checklist or questionnaire item worth `points` when answered yes."""

    code: str
    title: str
    points: int
    requires: tuple[str, ...] = ()  # scores only if all of these are "yes"
    penalty_if_no: int = 0  # points added (negative) when answered "no"
    scored: bool = True


@dataclass(frozen=True)
class Checklist:
    questions: tuple[Question, ...]
    open_when: tuple[str, ...] = ()  # all of these "yes" => the item is open
    items: tuple[str, ...] = ()  # what is assessed (datasets, categories)
    place_rule: str = ""  # how per-item scores roll up into a place score
    claims: tuple[Claim, ...] = ()

    @property
    def max_points(self) -> int:
        return sum(q.points for q in self.questions if q.scored)


@dataclass(frozen=True)
class Dimension:
    """A points-based dimension (EU Open Data Maturity): score % = points / max_points."""

    code: str
    title: str
    max_points: int
    indicators: tuple[tuple[str, int], ...] = ()  # (indicator title, max points)


@dataclass(frozen=True)
class Level:
    """A level of a cumulative scale (Tim Berners-Lee's five stars)."""

    rank: int
    title: str
    requirement: str
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class EditionSpec:
    framework: str
    code: str
    year: int
    title: str
    published: str = ""
    population: str = ""
    published_decimals: int | None = None
    not_assessed: dict[str, str] = field(default_factory=dict)
    indices: tuple[IndexSpec, ...] = ()
    classification: Classification | None = None
    rank: RankRule | None = None
    checklist: Checklist | None = None
    dimensions: tuple[Dimension, ...] = ()
    levels: tuple[Level, ...] = ()
    claims: tuple[Claim, ...] = ()
    sources: tuple[Source, ...] = ()
    notes: str = ""

    def index(self, code: str) -> IndexSpec:
        for spec in self.indices:
            if spec.code == code:
                return spec
        raise KeyError(code)

    @property
    def raw_indicators(self) -> tuple[Component, ...]:
        """Inputs a raw indicator table may supply (those of recomputable indices)."""
        return tuple(
            c
            for i in self.indices
            if i.method in (Method.COMPOSITE, Method.RANGE) and i.recomputable
            for c in i.components
        )


@dataclass(frozen=True)
class FrameworkSpec:
    code: str
    title: str
    publisher: str
    homepage: str
    kind: str  # "external" (published by others) or "own" (Agora's)
    description: str
    editions: tuple[EditionSpec, ...]
    sources: tuple[Source, ...] = ()

    def edition(self, code: str) -> EditionSpec:
        for edition in self.editions:
            if edition.code == code:
                return edition
        raise KeyError(code)
