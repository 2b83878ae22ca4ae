"""The per-node query database of a table, derived from its Parquet file and named by its hash.

Parquet is what is stored (portable, compact, in object storage for multi-node). To answer a
filtered, sorted page fast, each node loads it once into a DuckDB database file of its own
(measured on 10 million rows: 0.75 s per page over Parquet, 0.1 s over the DuckDB table), with a
`_id` column numbering the rows in file order. The file is named by the Parquet's SHA-256: the
content can never change under that name, so the cache needs no invalidation, only eviction.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import duckdb
from django.conf import settings

from agora.core.files import cache_dir, local_path
from agora.core.models import StoredFile

from .schema import literal

TABLE = "data"


def native_path(parquet: StoredFile) -> Path:
    return cache_dir() / "tables" / f"{parquet.sha256}.duckdb"


def ensure_native(parquet: StoredFile) -> Path:
    """The node's DuckDB file for this Parquet table, built (atomically) when missing."""
    target = native_path(parquet)
    if target.is_file():
        with contextlib.suppress(OSError):
            os.utime(target)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    source = local_path(parquet)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-", suffix=".duckdb")
    os.close(fd)
    os.unlink(temporary)  # DuckDB creates the file itself
    try:
        config = {"memory_limit": settings.AGORA_DATASTORE_INGEST_MEMORY_LIMIT}
        with duckdb.connect(temporary, config=config) as connection:
            connection.execute(
                f"CREATE TABLE {TABLE} AS SELECT file_row_number + 1 AS _id, "  # noqa: S608
                "* EXCLUDE (file_row_number, _invalid) "
                f"FROM read_parquet({literal(str(source))}, file_row_number=true)"
            )
            connection.execute("CHECKPOINT")
        os.replace(temporary, target)
    finally:
        for leftover in (temporary, temporary + ".wal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)
    return target
