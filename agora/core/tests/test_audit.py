"""The audit log is hash-chained and append-only; tampering is detected."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from agora.core.actor import SYSTEM
from agora.core.audit import GENESIS_HASH, audit_append, audit_verify
from agora.core.models import AppendOnlyError, AuditEntry

pytestmark = pytest.mark.django_db


def _entries(n: int) -> list[AuditEntry]:
    return [
        audit_append(
            actor=SYSTEM,
            action="test.event",
            object_type="test",
            object_id=str(i),
            data={"i": i, "text": "données"},
        )
        for i in range(n)
    ]


def test_entries_chain_onto_each_other():
    first, second, third = _entries(3)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert audit_verify().ok
    assert audit_verify().checked == 3


def test_rewritten_entry_breaks_the_chain_at_that_entry():
    entries = _entries(4)
    with connection.cursor() as cursor:
        # Simulate tampering below the ORM (drop the protecting trigger as an attacker would).
        table = AuditEntry._meta.db_table
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        else:
            cursor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only")
        cursor.execute(f"UPDATE {table} SET data = %s WHERE id = %s", ['{"i": 99}', entries[2].pk])
    result = audit_verify()
    assert not result.ok
    assert result.first_broken_id == entries[2].pk
    assert result.checked == 2


def test_removed_entry_breaks_the_chain_after_the_gap():
    entries = _entries(4)
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [entries[1].pk])
    result = audit_verify()
    assert not result.ok
    assert result.first_broken_id == entries[2].pk


def test_the_orm_refuses_to_change_or_delete_entries():
    (entry,) = _entries(1)
    entry.action = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_the_database_refuses_updates_even_from_raw_sql():
    (entry,) = _entries(1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET action = 'x' WHERE id = %s", [entry.pk]
        )
    entry.refresh_from_db()
    assert entry.action == "test.event"
