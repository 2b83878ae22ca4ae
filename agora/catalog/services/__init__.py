"""The only write path to the catalogue. Import services from here.

Every service takes keyword arguments and an explicit `actor`, checks permission itself, runs
in one transaction (a failed write changes nothing), writes a dataset revision and an audit
entry, and announces the change after commit (`catalog.signals.datasets_changed`).
"""

from .datasets import (
    dataset_create,
    dataset_delete,
    dataset_update,
)
from .distributions import (
    distribution_create,
    distribution_delete,
    distribution_update,
    distributions_reorder,
)
from .harvest import dataset_upsert_from_harvest, dataset_withdraw_from_harvest
from .organizations import organization_create, organization_delete, organization_update
from .versions import distribution_version_fetched

__all__ = [
    "dataset_create",
    "dataset_delete",
    "dataset_update",
    "dataset_upsert_from_harvest",
    "dataset_withdraw_from_harvest",
    "distribution_create",
    "distribution_delete",
    "distribution_update",
    "distribution_version_fetched",
    "distributions_reorder",
    "organization_create",
    "organization_delete",
    "organization_update",
]
