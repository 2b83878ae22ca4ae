"""Benchmark errors, each with a stable code (mapped once by the APIs)."""

from __future__ import annotations

from typing import Any

from agora.core.errors import BadRequest, Conflict, Forbidden, NotFound, ValidationFailed


class BenchmarkNotFound(NotFound):
    code = "benchmarks.not_found"
    default_message = "Not found."


class BenchmarkForbidden(Forbidden):
    code = "benchmarks.forbidden"
    default_message = "You may not do this in benchmarks."


class ImportRejected(ValidationFailed):
    """The file has errors: nothing was imported. `report` says every problem found."""

    code = "benchmarks.import_rejected"
    default_message = "The file was not imported: it has errors (nothing was changed)."

    def __init__(self, report: dict[str, Any]) -> None:
        fields: dict[str, list[str]] = {}
        for problem in report.get("problems", []):
            if problem["severity"] != "error":
                continue
            where = f"line {problem['line']}" if problem.get("line") else "file"
            column = f" {problem['column']}" if problem.get("column") else ""
            fields.setdefault(f"{where}{column}".strip(), []).append(problem["message"])
        super().__init__(fields=fields)
        self.report = report


class WorkflowConflict(Conflict):
    """The assessment is not in a state that allows this step."""

    code = "benchmarks.workflow_state"
    default_message = "The assessment is not in a state that allows this."


class BadFilter(BadRequest):
    code = "benchmarks.bad_filter"
    default_message = "A filter is not valid."
