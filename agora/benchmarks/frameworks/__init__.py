"""The benchmark frameworks, as versioned data: one folder per framework, one TOML file per
edition. This module only reads and validates them (pure: no Django).

Layout: `<framework>/framework.toml` (who publishes it, sources) and
`<framework>/editions/<edition>.toml` (indicators, weights, normalisation, groups, classes,
rank rule, rounding, and a claim with a status for every methodological statement). Adding
an edition is adding a file; `agora benchmarks sync` (and every migration) loads them into
the database, where each edition keeps the SHA-256 of its definition so that every score
says which definition computed it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agora.core.hashing import sha256_json

from ..scoring import parse
from ..scoring.spec import EditionSpec, FrameworkSpec

ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class FrameworkDefinition:
    """A parsed framework with the raw data it came from (stored, hashed, served)."""

    spec: FrameworkSpec
    data: dict[str, Any]
    editions: dict[str, dict[str, Any]]

    def edition_sha256(self, code: str) -> str:
        return sha256_json(self.editions[code])

    @property
    def sha256(self) -> str:
        return sha256_json({"framework": self.data, "editions": self.editions})


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def load_folder(folder: Path) -> FrameworkDefinition:
    data = _read(folder / "framework.toml")
    editions = [_read(p) for p in sorted((folder / "editions").glob("*.toml"))]
    spec = parse.framework(data, editions, where=folder.name)
    by_code = {str(e["edition"]): e for e in editions}
    return FrameworkDefinition(spec=spec, data=data, editions=by_code)


def _folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if (p / "framework.toml").is_file())


@cache
def definitions(extra_roots: tuple[str, ...] = ()) -> dict[str, FrameworkDefinition]:
    """Every framework shipped with Agora plus those under `extra_roots` (a deployment's own
    editions or frameworks, AGORA_BENCHMARKS_FRAMEWORK_DIRS), by code; read once per process.
    A folder under an extra root replaces the shipped framework with the same code."""
    found = {}
    for root in (ROOT, *map(Path, extra_roots)):
        for folder in _folders(root):
            definition = load_folder(folder)
            found[definition.spec.code] = definition
    return found


def framework_spec(code: str, extra_roots: tuple[str, ...] = ()) -> FrameworkSpec:
    return definitions(extra_roots)[code].spec


def edition_spec(framework: str, edition: str, extra_roots: tuple[str, ...] = ()) -> EditionSpec:
    return definitions(extra_roots)[framework].spec.edition(edition)


@dataclass(frozen=True)
class IndicatorDefinitions:
    """What the portal measures about itself (agora-readiness/indicators.toml)."""

    version: int
    population: str
    indicators: tuple[dict[str, Any], ...]
    sha256: str

    def get(self, code: str) -> dict[str, Any]:
        for indicator in self.indicators:
            if indicator["code"] == code:
                return indicator
        raise KeyError(code)

    @property
    def required_metadata(self) -> tuple[str, ...]:
        return tuple(self.get("complete_metadata")["required"])


@cache
def portal_indicators() -> IndicatorDefinitions:
    data = _read(ROOT / "agora-readiness" / "indicators.toml")
    return IndicatorDefinitions(
        version=int(data["version"]),
        population=str(data["population"]),
        indicators=tuple(data["indicators"]),
        sha256=sha256_json(data),
    )


@cache
def questionnaire_seed() -> dict[str, Any]:
    """Version 1 of the readiness questionnaire, loaded into the database once."""
    return _read(ROOT / "agora-readiness" / "questionnaire.toml")
