"""How datasets are searched: their public field names, text, sorts and visibility.

Registered with the search app in CatalogConfig.ready(); the search app never imports the
catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from agora.core.actor import Actor
from agora.core.i18n import pick
from agora.search.adapters import SearchAdapter

from .models import Country, Dataset, Language, Licence, Organization, Theme
from .permissions import visible_datasets_q


class DatasetSearchAdapter(SearchAdapter):
    name = "dataset"
    fields = {
        "id": "id",
        "name": "name",
        "title": "title_sort",
        "organization": "organization__name",
        "owner_org": "organization__id",
        "tags": "tags__name",
        "res_format": "distributions__format",
        "license_id": "licence__id",
        "country": "countries__code",
        "theme": "themes__code",
        "language": "languages__code",
        "private": "private",
        "state": "state",
        "metadata_modified": "updated_at",
        "metadata_created": "created_at",
    }
    date_fields = frozenset({"metadata_modified", "metadata_created"})
    text_fields = frozenset({"title"})
    text_paths = ("search_text",)
    sorts = {
        "metadata_modified": "updated_at",
        "metadata_created": "created_at",
        "title_string": "title_sort",
        "name": "name",
    }

    def visible(
        self, actor: Actor, *, include_private: bool, include_drafts: bool
    ) -> QuerySet[Dataset]:
        rule = visible_datasets_q(actor, include_drafts=include_drafts)
        queryset = Dataset.objects.filter(rule)
        if not include_private:
            queryset = queryset.filter(private=False)
        return queryset

    def facet_labels(self, field: str, values: Iterable[str], language: str) -> dict[str, str]:
        keys = list(values)
        labels = {key: key for key in keys}
        if field == "organization":
            for org in Organization.objects.filter(name__in=keys):
                labels[org.name] = pick(org.title, language)[0] or org.name
        elif field == "license_id":
            labels.update(Licence.objects.filter(id__in=keys).values_list("id", "title"))
        elif field == "country":
            labels.update(Country.objects.filter(code__in=keys).values_list("code", "name"))
        elif field == "theme":
            for theme in Theme.objects.filter(code__in=keys):
                labels[theme.code] = pick(theme.labels, language)[0]
        elif field == "language":
            labels.update(Language.objects.filter(code__in=keys).values_list("code", "name"))
        return labels
