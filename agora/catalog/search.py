"""How datasets are searched: their fields, their documents and who may find them.

Registered with the search app in CatalogConfig.ready(); the search app never imports the
catalogue. Documents are built from a handful of bulk queries (never per dataset), because a
rebuild reads every dataset: at two million datasets the read must keep up with the engine.
The visibility rule is `permissions.visible_datasets_q` stated as data; a test proves that the
two agree for every role.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

import orjson
from django.db import connection

from agora.core.actor import Actor, Role
from agora.core.i18n import pick
from agora.search.adapters import SearchAdapter
from agora.search.documents import (
    OTHER_LANGUAGE,
    SearchDocument,
    Visibility,
    stamp_of,
)
from agora.search.errors import InvalidSearchQuery

from .models import (
    Country,
    Dataset,
    DatasetState,
    Distribution,
    Language,
    Licence,
    Organization,
    Tag,
    Theme,
)

INDEXED_STATES = (DatasetState.ACTIVE, DatasetState.DRAFT)
RELATIONS = ("tags", "themes", "countries", "languages", "formats")


def _uuids(ids: Iterable[str]) -> list[uuid.UUID]:
    found = []
    for value in ids:
        try:
            found.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return found


def _key(value: Any) -> str:
    """A dataset id as text, from whatever the database driver returned."""
    if isinstance(value, uuid.UUID):
        return str(value)
    text = str(value)
    if len(text) == 32:  # SQLite keeps UUIDs as 32 hex digits
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
    return text


def _when(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value)).replace(tzinfo=dt.UTC)


def _json(value: Any) -> dict[str, str]:
    if isinstance(value, str | bytes):
        return dict(orjson.loads(value))
    return dict(value or {})


def _select(columns: str, source: str, where: str) -> str:
    # Only table names from our own models are formatted in; values are always parameters.
    return f"SELECT {columns} FROM {source} WHERE {where}"  # noqa: S608


@cache
def _statements() -> dict[str, str]:
    """The reads a document needs, written out: through the ORM, reading a rebuild's worth of
    datasets cost five times more CPU than the engine spent indexing them (UUID and date
    converters per value, query compilation per batch)."""
    quote = connection.ops.quote_name

    def table(model: Any) -> str:
        return str(quote(model._meta.db_table))

    def through(name: str) -> str:
        return table(getattr(Dataset, name).through)

    columns = (
        "d.id, d.name, d.title, d.description, d.organization_id, o.name, d.licence_id, "
        "d.private, d.state, d.created_by_id, d.created_at, d.updated_at, d.modified, "
        "d.revision_number, d.title_sort"
    )
    joined = f"{table(Dataset)} d JOIN {table(Organization)} o ON o.id = d.organization_id"
    tags = f"{through('tags')} r JOIN {table(Tag)} g ON g.id = r.tag_id"
    return {
        "datasets": _select(columns, joined, "d.state IN (%s, %s) AND {where}") + " ORDER BY d.id",
        "tags": _select("r.dataset_id, g.name", tags, "{where}"),
        "themes": _select("r.dataset_id, r.theme_id", f"{through('themes')} r", "{where}"),
        "countries": _select("r.dataset_id, r.country_id", f"{through('countries')} r", "{where}"),
        "languages": _select("r.dataset_id, r.language_id", f"{through('languages')} r", "{where}"),
        "formats": _select(
            "r.dataset_id, r.format",
            f"{table(Distribution)} r",
            "r.state = 'active' AND r.format <> '' AND {where}",
        ),
    }


def _read(where: str, params: list[Any], limit: int | None = None) -> list[tuple[Any, ...]]:
    sql = _statements()["datasets"].replace("{where}", where.replace("{column}", "d.id"))
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*INDEXED_STATES, *params])
        return cursor.fetchall()


def _relations(where: str, params: list[Any]) -> dict[str, dict[Any, list[str]]]:
    """Tags, themes, countries, languages and formats of many datasets, one query each."""
    related: dict[str, dict[Any, list[str]]] = {}
    with connection.cursor() as cursor:
        for name in RELATIONS:
            sql = _statements()[name].replace("{where}", where.replace("{column}", "r.dataset_id"))
            cursor.execute(sql, params)
            values: dict[Any, list[str]] = defaultdict(list)
            for dataset_id, value in cursor.fetchall():  # keyed by the driver's own value
                values[dataset_id].append(value)
            related[name] = values
    return related


def _document(row: tuple[Any, ...], related: dict[str, dict[Any, list[str]]]) -> SearchDocument:
    (key, name, title, description, org_id, org_name, licence, private, state, creator,
     created, updated, modified, revision, title_sort) = row  # fmt: skip
    raw, key = key, _key(key)
    title, description = _json(title), _json(description)
    created, updated = _when(created), _when(updated)
    tags = sorted(set(related["tags"].get(raw, ())))
    main_language = pick(title)[1] or OTHER_LANGUAGE
    return SearchDocument(
        id=key,
        stamp=stamp_of(revision, org_name),
        texts={
            "title": title,
            "description": description,
            "keywords": {main_language: "\n".join(tags)} if tags else {},
        },
        keywords={
            "id": (key,),
            "name": (name,),
            "organization": (org_name,),
            "owner_org": (_key(org_id),),
            "tags": tuple(tags),
            "res_format": tuple(sorted(set(related["formats"].get(raw, ())))),
            "license_id": (licence,) if licence else (),
            "country": tuple(sorted(related["countries"].get(raw, ()))),
            "theme": tuple(sorted(related["themes"].get(raw, ()))),
            "language": tuple(sorted(related["languages"].get(raw, ()))),
            "private": (str(bool(private)),),
            "state": (state,),
            "creator": (_key(creator),) if creator else (),
        },
        dates={"metadata_modified": updated, "metadata_created": created},
        sort_keys={"title_string": f"{title_sort}\x1f{name}", "name": name},
        titles=title,
        recency=_when(modified) or updated,
    )


def _documents(where: str, params: list[Any], limit: int | None = None) -> list[SearchDocument]:
    rows = _read(where, params, limit)
    if not rows:
        return []
    if limit is not None:  # a keyset page: its relations are one range of ids
        related = _relations("{column} >= %s AND {column} <= %s", [rows[0][0], rows[-1][0]])
    else:
        related = _relations(where, params)
    return [_document(row, related) for row in rows]


class DatasetSearchAdapter(SearchAdapter):
    name = "dataset"
    fields = frozenset(
        {
            "id", "name", "title", "description", "organization", "owner_org", "tags",
            "res_format", "license_id", "country", "theme", "language", "private", "state",
            "metadata_modified", "metadata_created",
        }
    )  # fmt: skip
    text_fields = {"title": "title", "description": "description"}
    text_weights = {"title": 3.0, "keywords": 2.5, "description": 1.0}
    date_fields = frozenset({"metadata_modified", "metadata_created"})
    sorts = frozenset({"metadata_modified", "metadata_created", "title_string", "name"})
    visibility_fields = frozenset({"state", "private", "owner_org", "creator"})

    def visibility(
        self, actor: Actor, *, include_private: bool, include_drafts: bool
    ) -> Visibility:
        """`permissions.visible_datasets_q`, as alternatives over indexed fields."""
        active, draft = (DatasetState.ACTIVE.value,), (DatasetState.DRAFT.value,)
        if actor.is_superuser:
            states = active + draft if include_drafts else active
            alternatives: list[dict[str, tuple[str, ...]]] = [{"state": states}]
        else:
            alternatives = [{"state": active, "private": ("False",)}]
            members = tuple(sorted(str(o) for o in actor.organizations_with(Role.MEMBER)))
            editors = tuple(sorted(str(o) for o in actor.organizations_with(Role.EDITOR)))
            if members:
                alternatives.append({"state": active, "owner_org": members})
            if include_drafts and actor.user_id is not None:
                alternatives.append({"state": draft, "creator": (str(actor.user_id),)})
                if editors:
                    alternatives.append({"state": draft, "owner_org": editors})
        if not include_private:
            alternatives = [{**alt, "private": ("False",)} for alt in alternatives]
        return Visibility(tuple(alternatives))

    def documents(self, ids: Sequence[str]) -> dict[str, SearchDocument | None]:
        wanted = _uuids(ids)
        found: dict[str, SearchDocument | None] = {str(i): None for i in wanted}
        if wanted:
            db_ids = [Dataset._meta.pk.get_db_prep_value(i, connection) for i in wanted]
            marks = ", ".join(["%s"] * len(db_ids))
            found.update({d.id: d for d in _documents(f"{{column}} IN ({marks})", db_ids)})
        return found

    def all_documents(self, *, batch_size: int) -> Iterator[list[SearchDocument]]:
        last: Any = None
        while True:
            where, params = ("{column} > %s", [last]) if last is not None else ("1 = 1", [])
            rows = _read(where, params, batch_size)
            if not rows:
                return
            related = _relations("{column} >= %s AND {column} <= %s", [rows[0][0], rows[-1][0]])
            last = rows[-1][0]
            yield [_document(row, related) for row in rows]

    def stamps(self) -> Iterator[tuple[str, int]]:
        rows = (
            Dataset.objects.filter(state__in=INDEXED_STATES)
            .order_by("id")
            .values_list("id", "revision_number", "organization__name")
        )
        for key, revision, organization in rows.iterator(chunk_size=10_000):
            yield str(key), stamp_of(revision, organization)

    def affected_by(self, kind: str, ids: Sequence[str]) -> list[str]:
        if kind != "organization":
            return []
        datasets = Dataset.objects.filter(organization_id__in=_uuids(ids), state__in=INDEXED_STATES)
        return [str(key) for key in datasets.values_list("id", flat=True)]

    def normalise(self, field: str, value: str) -> str:
        if field in ("theme", "country"):
            return value.upper()
        if field == "language":
            return value.lower()
        return value

    def check_filter(self, field: str, value: str) -> None:
        if field in ("id", "owner_org") and not _uuids([value]):
            raise InvalidSearchQuery(f"{value!r} is not a valid UUID")

    def facet_labels(self, field: str, values: Iterable[str], language: str) -> dict[str, str]:
        """Display names: one hand-written query per labelled field. Every faceted search
        asks for them; through the ORM they cost more CPU than the search itself."""
        keys = list(dict.fromkeys(values))
        labels = _labels(field, keys, language) if keys else {}
        return {key: labels.get(key) or key for key in keys}


LABELS = {
    "organization": (Organization, "name", "title", True),
    "license_id": (Licence, "id", "title", False),
    "country": (Country, "code", "name", False),
    "theme": (Theme, "code", "labels", True),
    "language": (Language, "code", "name", False),
}


def _labels(field: str, keys: list[str], language: str) -> dict[str, str]:
    if field not in LABELS:
        return {}
    model, key_column, label_column, localized = LABELS[field]
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(keys))
    sql = _select(
        f"{quote(key_column)}, {quote(label_column)}",
        quote(model._meta.db_table),
        f"{quote(key_column)} IN ({marks})",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, keys)
        rows = cursor.fetchall()
    if localized:
        return {key: pick(_json(label), language)[0] for key, label in rows}
    return dict(rows)
