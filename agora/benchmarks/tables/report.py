"""What an import found: problems (errors refuse the whole file, warnings do not), the names
that needed an alias, and what was read. The report is data: the CLI prints it, the import
batch stores it, the API returns it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    kind: str  # wrong_header, missing_column, not_a_number, missing_value, duplicate_country,
    # unknown_country, ambiguous_country, historical_country, out_of_range, unknown_edition,
    # unknown_indicator, method_unknown, not_assessed, unexpected_column, encoding, empty
    message: str
    line: int | None = None
    column: str = ""
    value: str = ""
    severity: str = ERROR


@dataclass(frozen=True)
class Cell:
    """One value as read: the number and the text it was written as (kept verbatim)."""

    value: float
    text: str


@dataclass
class Row:
    line: int
    edition: str
    country: str
    name: str
    values: dict[str, Cell] = field(default_factory=dict)


@dataclass
class ImportReport:
    kind: str
    file_name: str = ""
    sha256: str = ""
    rows_read: int = 0
    problems: list[Problem] = field(default_factory=list)
    aliased: dict[str, str] = field(default_factory=dict)  # name -> code, not an exact match
    rows: list[Row] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def editions(self) -> list[str]:
        return sorted({row.edition for row in self.rows})

    def add(self, kind: str, message: str, **where: Any) -> None:
        self.problems.append(Problem(kind, message, **where))

    def as_dict(self) -> dict[str, Any]:
        """The report without the rows (they are stored as observations, not in the report)."""
        return {
            "kind": self.kind,
            "file_name": self.file_name,
            "sha256": self.sha256,
            "rows_read": self.rows_read,
            "rows_ok": len(self.rows),
            "editions": self.editions,
            "ok": self.ok,
            "problems": [asdict(p) for p in self.problems],
            "aliased": dict(sorted(self.aliased.items())),
        }

    def summary(self) -> str:
        lines = [
            f"{self.kind} {self.file_name}: {self.rows_read} rows read, {len(self.rows)} usable, "
            f"{len(self.errors)} errors, {len(self.problems) - len(self.errors)} warnings"
        ]
        for problem in self.problems:
            where = f"line {problem.line}" if problem.line else "file"
            column = f", {problem.column}" if problem.column else ""
            value = f" ({problem.value!r})" if problem.value else ""
            lines.append(f"  {problem.severity}: {where}{column}: {problem.message}{value}")
        for name, code in sorted(self.aliased.items()):
            lines.append(f"  alias: {name!r} -> {code}")
        return "\n".join(lines)
