"""Who may read and manage tables: the catalogue's rule, never a second one.

Reading a table is reading its distribution: `catalog.selectors.distribution_get` applies the
visibility rule (private and draft datasets stay hidden, answered as not found). Managing a
table (re-ingest, editing the data dictionary) is editing its dataset.
"""

from __future__ import annotations

from agora.catalog import permissions as catalog_permissions
from agora.catalog.models import Distribution
from agora.core.actor import Actor


def can_manage_table(actor: Actor, distribution: Distribution) -> bool:
    return catalog_permissions.can_update_dataset(actor, distribution.dataset)
