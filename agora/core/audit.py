"""The tamper-evident audit log: every state change appends one hash-chained entry.

Each entry's hash covers its own content and the previous entry's hash, so changing, removing
or reordering any past entry breaks every later link; `audit_verify` walks the chain and reports
the first broken one. Appends are serialised (an advisory lock on PostgreSQL; SQLite's
IMMEDIATE transactions already serialise writers) so two concurrent writers can never both
chain onto the same predecessor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from .actor import Actor
from .hashing import sha256_json
from .models import AuditEntry

GENESIS_HASH = "0" * 64
_CHAIN_LOCK_KEY = 0x41474F5241  # "AGORA"


def _entry_payload(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(),
        "actor_id": str(entry.actor_id) if entry.actor_id else None,
        "actor_name": entry.actor_name,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "data": entry.data,
        "prev_hash": entry.prev_hash,
    }


def entry_hash(entry: AuditEntry) -> str:
    return sha256_json(_entry_payload(entry))


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def audit_append(
    *, actor: Actor, action: str, object_type: str, object_id: str, data: dict[str, Any]
) -> AuditEntry:
    """Append one entry; runs inside the caller's transaction so it commits with the change."""
    with transaction.atomic():
        _lock_chain()
        previous = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        entry = AuditEntry(
            at=timezone.now(),
            actor_id=actor.user_id,
            actor_name=actor.username,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            data=data,
            prev_hash=previous or GENESIS_HASH,
        )
        entry.hash = entry_hash(entry)
        entry.save()
        return entry


@dataclass(frozen=True)
class AuditVerification:
    ok: bool
    checked: int
    first_broken_id: int | None = None
    reason: str = ""


def audit_verify(batch_size: int = 2000) -> AuditVerification:
    """Check every link of the chain, oldest first, in constant memory."""
    expected_prev = GENESIS_HASH
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch_size):
        if entry.prev_hash != expected_prev:
            return AuditVerification(
                False, checked, entry.pk, "prev_hash does not match the previous entry's hash"
            )
        if entry_hash(entry) != entry.hash:
            return AuditVerification(False, checked, entry.pk, "content does not match its hash")
        expected_prev = entry.hash
        checked += 1
    return AuditVerification(True, checked)
