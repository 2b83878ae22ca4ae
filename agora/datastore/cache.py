"""The per-node query database of a table, derived from its Parquet file and named by its hash.

Parquet is what is stored (portable, compact, in object storage for multi-node). To answer a
filtered, sorted page fast, each node loads it once into a DuckDB database file of its own
(measured on 10 million rows: 0.75 s per page over Parquet, 0.1 s over the DuckDB table), with a
`_id` column numbering the rows in file order. The file is named by the Parquet's SHA-256: the
content can never change under that name, so the cache needs no invalidation, only eviction.
The file is built by the ingest engine's child process (ingest/engine.py): a DuckDB crash while
building it fails one request, never the process serving it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings

from agora.core.files import cache_dir, local_path
from agora.core.models import StoredFile

from .errors import QueryFailed
from .ingest.engine import EngineConfig, run_one
from .ingest.errors import IngestFailed

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
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=".part-", suffix=".duckdb")
    os.close(fd)
    os.unlink(name)  # DuckDB creates the file itself
    temporary = Path(name)
    spill = Path(name + ".tmp")
    config = EngineConfig(settings.AGORA_DATASTORE_INGEST_MEMORY_LIMIT, spill)
    try:
        run_one(config, "build_native", source=source, target=temporary, table=TABLE, limits=config)
        os.replace(temporary, target)
    except IngestFailed as error:
        raise QueryFailed(
            f"The table could not be prepared for queries: {error.message}",
            code="datastore.table_unavailable",
        ) from error
    finally:
        shutil.rmtree(spill, ignore_errors=True)
        for leftover in (temporary, Path(name + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return target
