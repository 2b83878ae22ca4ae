"""The search outbox: committed catalogue changes waiting for the index.

A row is written in the same transaction as the change it announces (so a change can never
commit without its row, nor a row without its change), and deleted by the worker only after
the index has committed the new documents. If the worker is down, rows wait; when it comes
back, it catches up. The PostgreSQL backend needs no outbox: it updates its search table in
the change's own transaction.
"""

from __future__ import annotations

from django.db import models


class OutboxEntry(models.Model):
    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=32, help_text="what changed: dataset, organization, ...")
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "outbox entries"

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
