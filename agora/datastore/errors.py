"""Errors of the tabular data store, each with a stable code (mapped once by the APIs)."""

from __future__ import annotations

from agora.core.errors import BadRequest, Conflict, NotFound, ValidationFailed


class TableNotFound(NotFound):
    code = "datastore.table_not_found"
    default_message = "This resource has no queryable table (yet)."


class InvalidQuery(ValidationFailed):
    """A row query names an unknown field, an unknown operator or a value of the wrong type."""

    code = "datastore.invalid_query"
    default_message = "The query is not valid for this table."


class SqlRefused(BadRequest):
    """The SQL sandbox refused the statement before running it."""

    code = "datastore.sql_refused"
    default_message = "Only one read-only SELECT over the tables you may see is allowed."


class QueryFailed(BadRequest):
    """The engine stopped the query: time or memory limit, or a runtime error."""

    code = "datastore.query_failed"
    default_message = "The query could not be completed."


class IngestBusy(Conflict):
    code = "datastore.ingest_busy"
    default_message = "An ingest of this version is already running."
