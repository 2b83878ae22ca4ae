"""Turn hydrated models into interop records (the shape every output format starts from).

Callers must have prefetched the relations (see selectors.hydrate_datasets); nothing here
queries the database per dataset.
"""

from __future__ import annotations

from django.conf import settings

from agora.interop.records import (
    DatasetRecord,
    DistributionRecord,
    LicenceRecord,
    OrganizationRecord,
)

from .models import Dataset, Distribution, DistributionState, Organization


def organization_record(org: Organization) -> OrganizationRecord:
    return OrganizationRecord(
        id=str(org.id),
        name=org.name,
        title=dict(org.title),
        description=dict(org.description or {}),
        country=org.country_id or "",
        publisher_type=org.publisher_type,
        parent_id=str(org.parent_id) if org.parent_id else None,
        image_url=org.image_url,
        homepage=org.homepage,
        email=org.email,
        state=org.state,
        created=org.created_at,
        modified=org.updated_at,
    )


def download_url(dist: Distribution) -> str:
    """Uploaded files are served by Agora; links point wherever the publisher said."""
    if dist.file_id is None:
        return dist.url
    name = dist.file_name or "download"
    return f"{settings.AGORA_SITE_URL}/dataset/{dist.dataset_id}/resource/{dist.id}/download/{name}"


def distribution_record(dist: Distribution) -> DistributionRecord:
    return DistributionRecord(
        id=str(dist.id),
        dataset_id=str(dist.dataset_id),
        title=dist.title,
        description=dist.description,
        url=download_url(dist),
        is_upload=dist.file_id is not None,
        file_name=dist.file_name,
        format=dist.format,
        media_type=dist.media_type,
        byte_size=dist.byte_size,
        checksum_sha256=dist.checksum_sha256,
        position=dist.position,
        state=dist.state,
        created=dist.created_at,
        modified=dist.updated_at,
    )


def dataset_record(ds: Dataset) -> DatasetRecord:
    licence = ds.licence
    distributions = [d for d in ds.distributions.all() if d.state == DistributionState.ACTIVE]
    return DatasetRecord(
        id=str(ds.id),
        name=ds.name,
        title=dict(ds.title),
        description=dict(ds.description or {}),
        organization=organization_record(ds.organization),
        tags=tuple(sorted(t.name for t in ds.tags.all())),
        themes=tuple(sorted(t.code for t in ds.themes.all())),
        licence=(
            LicenceRecord(licence.id, licence.title, licence.url, licence.is_open)
            if licence
            else None
        ),
        countries=tuple(sorted(c.code for c in ds.countries.all())),
        languages=tuple(sorted(lang.code for lang in ds.languages.all())),
        spatial=ds.spatial,
        temporal_start=ds.temporal_start,
        temporal_end=ds.temporal_end,
        frequency=ds.frequency,
        contact_name=ds.contact_name,
        contact_email=ds.contact_email,
        contact_url=ds.contact_url,
        issued=ds.issued,
        modified=ds.modified,
        version=ds.version,
        conforms_to=tuple(ds.conforms_to or ()),
        access_rights=ds.access_rights,
        landing_page=ds.landing_page,
        identifier=ds.identifier,
        private=ds.private,
        state=ds.state,
        extras=dict(ds.extras or {}),
        harvest_source_id=str(ds.harvest_source_id) if ds.harvest_source_id else None,
        harvest_remote_id=ds.harvest_remote_id,
        creator_user_id=str(ds.created_by_id) if ds.created_by_id else None,
        metadata_created=ds.created_at,
        metadata_modified=ds.updated_at,
        revision_number=ds.revision_number,
        page_url=f"{settings.AGORA_SITE_URL}/dataset/{ds.name}",
        distributions=tuple(
            distribution_record(d) for d in sorted(distributions, key=lambda d: d.position)
        ),
        is_series=ds.is_series,
        in_series=str(ds.in_series_id) if ds.in_series_id else None,
    )
