"""DuckDB runs in a child process: its crash fails one ingest, never the worker, and its
temporary files never land in the current directory."""

from __future__ import annotations

import os
import signal
import time

import pytest

from agora.core.actor import SYSTEM
from agora.datastore import selectors
from agora.datastore.backends import duckdb as duckdb_backend
from agora.datastore.ingest import engine
from agora.datastore.ingest.errors import IngestFailed
from agora.datastore.ingest.pipeline import engine_config, work_dir
from agora.datastore.models import TableStatus
from agora.datastore.query import RowQuery
from agora.datastore.tests.helpers import ingest, published, replace

pytestmark = pytest.mark.django_db
V1 = b"code,value\nKEN,1\nUGA,2\n"
V2 = b"code,value\n" + b"".join(f"R{i},{i}\n".encode() for i in range(500))


def _crash_before(monkeypatch, wanted: str) -> None:
    """The engine's child dies of a segmentation fault when it is given `wanted`."""
    original = engine.Engine.call

    def call(self, op, **kwargs):
        if op == wanted:
            os.kill(self._process.pid, signal.SIGSEGV)
            self._process.wait(timeout=10)
        return original(self, op, **kwargs)

    monkeypatch.setattr(engine.Engine, "call", call)


def test_a_crash_of_the_engine_fails_the_ingest_and_keeps_the_previous_table(org, monkeypatch):
    dist, first = published(org, "data.csv", V1)
    assert first.status == TableStatus.READY
    replace(dist, "data.csv", V2)
    _crash_before(monkeypatch, "load_csv")
    crashed = ingest(dist)
    assert (crashed.status, crashed.error_code) == (TableStatus.FAILED, "ingest.engine_crashed")
    assert "SIGSEGV" in crashed.error
    _, result = selectors.rows(SYSTEM, str(dist.id), RowQuery(fields=("code",)))
    assert [r[0] for r in result.rows] == ["KEN", "UGA"]

    monkeypatch.undo()
    from agora.datastore import services

    again = services.table_ingest_request(actor=SYSTEM, distribution=dist, force_running=True)
    assert services.ingest_run(table_id=str(again.pk)).status == TableStatus.READY
    view = selectors.table_for(SYSTEM, str(dist.id))
    assert (view.table.version.number, view.handle.row_count) == (2, 500)


def test_errors_inside_the_child_come_back_with_their_code(tmp_path):
    fake = tmp_path / "fake.parquet"
    fake.write_bytes(b"PAR1 but not really")
    config = engine.EngineConfig("256MB", tmp_path / "spill")
    with engine.Engine(config) as child:
        with pytest.raises(IngestFailed) as raised:
            child.call("load_parquet", path=fake, target=tmp_path / "out.parquet")
        assert raised.value.code == "ingest.unreadable"
        dialect, names = child.call("sniff", path=_csv(tmp_path))  # the child lives on
    assert (dialect.delimiter, names) == (";", ["a", "b"])


def _csv(folder):
    path = folder / "ok.csv"
    path.write_bytes(b"a;b\n1;2\n3;4\n")
    return path


def test_a_dead_child_is_reported_not_waited_for(tmp_path):
    config = engine.EngineConfig("256MB", tmp_path / "spill")
    with engine.Engine(config) as child:
        os.kill(child._process.pid, signal.SIGKILL)
        with pytest.raises(IngestFailed) as raised:
            child.call("sniff", path=tmp_path / "nothing.csv")
    assert raised.value.code == "ingest.engine_crashed"
    assert "SIGKILL" in raised.value.message


def test_temporary_files_stay_under_the_node_cache(org, monkeypatch, tmp_path, settings):
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    dist, table = published(org, "data.csv", V2)
    assert table.status == TableStatus.READY
    selectors.rows(SYSTEM, str(dist.id), RowQuery(limit=5))
    _, chunks = selectors.export(SYSTEM, str(dist.id), RowQuery(), "parquet")
    assert b"".join(chunks).startswith(b"PAR1")
    selectors.sql(SYSTEM, f'SELECT count(*) FROM "{dist.id}"')
    assert list(here.iterdir()) == []
    work = work_dir()
    spill = engine.duckdb_config(engine_config(work))["temp_directory"]
    assert spill.startswith(str(settings.AGORA_STORAGE_CACHE_DIR))
    assert duckdb_backend._config()["temp_directory"] == ""  # queries never spill
    leftovers = list((settings.AGORA_STORAGE_CACHE_DIR / "work").iterdir())
    assert leftovers == [work]  # every ingest and export removed its own folder


def test_progress_is_the_share_of_the_file_read(tmp_path):
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(4 * 1024 * 1024))
    seen: list[float] = []

    def work() -> None:
        with open(source, "rb") as handle:
            while handle.read(1024 * 1024):
                pass
        time.sleep(1.5)  # the watcher looks once a second

    engine._with_read_progress(source.stat().st_size, work, seen.append)
    assert seen
    assert 90 <= max(seen) <= 99
