"""Our own validation report: what was wrong with a table, where, and how it was loaded.

Frictionless finds the errors of the rows it validates and the loader finds every value that
does not fit its column's type in all rows; both end up here in one shape that we own (the
APIs, the web page and tests depend on it, never on Frictionless's classes).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Finding:
    type: str  # a Frictionless error type ("type-error", "extra-cell", ...) or ours
    message: str
    row: int | None = None  # the row in the file as a spreadsheet numbers it (header = 1)
    record: int | None = None  # the `_id` of the loaded record, when it was loaded
    field: str | None = None
    value: str | None = None


@dataclass
class ValidationReport:
    valid: bool = True
    rows: int = 0
    rows_validated: int = 0  # rows Frictionless checked (the rest were type-checked on load)
    encoding: str = ""
    dialect: dict[str, Any] = field(default_factory=dict)
    format: str = ""
    schema_source: str = "inferred"  # inferred | dictionary | parquet
    error_count: int = 0
    error_counts: dict[str, int] = field(default_factory=dict)
    errors: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False

    def add(self, finding: Finding, *, limit: int) -> None:
        self.error_count += 1
        self.error_counts[finding.type] = self.error_counts.get(finding.type, 0) + 1
        self.valid = False
        if len(self.errors) < limit:
            self.errors.append(finding)
        else:
            self.truncated = True

    def add_counted(self, kind: str, count: int) -> None:
        """Errors found in bulk (their first instances were added one by one)."""
        self.error_count += count
        self.error_counts[kind] = self.error_counts.get(kind, 0) + count
        self.valid = self.valid and count == 0
        self.truncated = self.truncated or count > 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ValidationReport:
        values = dict(data)
        values["errors"] = [Finding(**e) for e in data.get("errors", [])]
        return cls(**values)

    def types(self) -> Counter[str]:
        return Counter(self.error_counts)
