"""Keep the vocabulary tables equal to the vocabularies in code (run after every migration).

Idempotent and cheap (a few hundred rows): updated rows are rewritten, new rows are added,
and nothing is deleted, because datasets may still point at a retired code.
"""

from __future__ import annotations

from typing import Any

import pycountry
from django.db import transaction

from agora.interop.vocabularies.licences import LICENCES
from agora.interop.vocabularies.m49 import (
    COUNTRY_REGIONS,
    INTERMEDIATE_REGIONS,
    REGIONS,
    SUBREGION_REGION,
    SUBREGIONS,
    UN_MEMBER_STATES,
    UN_OBSERVER_STATES,
)
from agora.interop.vocabularies.themes import THEMES, theme_uri

from .models import Country, Language, Licence, Theme


def _country_rows() -> list[Country]:
    rows = []
    for item in pycountry.countries:
        subregion, intermediate = COUNTRY_REGIONS.get(item.alpha_3, ("", ""))
        region = SUBREGION_REGION.get(subregion, "")
        if item.alpha_3 in UN_MEMBER_STATES:
            status = "member"
        elif item.alpha_3 in UN_OBSERVER_STATES:
            status = "observer"
        else:
            status = "other"
        rows.append(
            Country(
                code=item.alpha_3,
                alpha2=item.alpha_2,
                numeric=item.numeric,
                name=getattr(item, "common_name", None) or item.name,
                official_name=getattr(item, "official_name", "") or "",
                region_code=region,
                region_name=REGIONS.get(region, ""),
                subregion_code=subregion,
                subregion_name=SUBREGIONS.get(subregion, ""),
                intermediate_region_code=intermediate,
                intermediate_region_name=INTERMEDIATE_REGIONS.get(intermediate, ""),
                un_status=status,
            )
        )
    return rows


def _language_rows() -> list[Language]:
    return [
        Language(code=item.alpha_2, name=item.name)
        for item in pycountry.languages
        if hasattr(item, "alpha_2")
    ]


def _licence_rows() -> list[Licence]:
    return [
        Licence(
            id=facts.id,
            title=facts.title,
            url=facts.url,
            is_open=facts.is_open,
            od_conformance=facts.od_conformance,
            osd_conformance=facts.osd_conformance,
            domain_data=facts.domain_data,
            domain_content=facts.domain_content,
            status=facts.status,
        )
        for facts in LICENCES.values()
    ]


def _theme_rows() -> list[Theme]:
    return [Theme(code=code, uri=theme_uri(code), labels=labels) for code, labels in THEMES.items()]


def _upsert(model: Any, rows: list[Any], fields: list[str]) -> None:
    model.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=[model._meta.pk.name],
        update_fields=fields,
        batch_size=500,
    )


def sync_vocabularies() -> None:
    with transaction.atomic():
        _upsert(
            Country,
            _country_rows(),
            [
                "alpha2",
                "numeric",
                "name",
                "official_name",
                "region_code",
                "region_name",
                "subregion_code",
                "subregion_name",
                "intermediate_region_code",
                "intermediate_region_name",
                "un_status",
            ],
        )
        _upsert(Language, _language_rows(), ["name"])
        _upsert(
            Licence,
            _licence_rows(),
            [
                "title",
                "url",
                "is_open",
                "od_conformance",
                "osd_conformance",
                "domain_data",
                "domain_content",
                "status",
            ],
        )
        _upsert(Theme, _theme_rows(), ["uri", "labels"])


def sync_vocabularies_after_migrate(**kwargs: Any) -> None:
    """post_migrate receiver; does nothing while the catalogue tables do not exist yet."""
    from django.db import connection

    if Country._meta.db_table in connection.introspection.table_names():
        sync_vocabularies()
