"""Catalogue models, split by topic; import them from here."""

from .datasets import Dataset, DatasetRevision, DatasetState
from .distributions import Distribution, DistributionState, DistributionVersion, VersionSource
from .organizations import Organization, OrganizationState
from .vocabularies import Country, Language, Licence, Tag, Theme

__all__ = [
    "Country",
    "Dataset",
    "DatasetRevision",
    "DatasetState",
    "Distribution",
    "DistributionState",
    "DistributionVersion",
    "Language",
    "Licence",
    "Organization",
    "OrganizationState",
    "Tag",
    "Theme",
    "VersionSource",
]
