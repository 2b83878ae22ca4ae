"""Generate a realistic synthetic catalogue straight into an Agora database (and the same
records into a Datasette database), for bench/search.py.

    AGORA_VAR_DIR=... DATABASE_URL=sqlite:///... python bench/search_data.py N DATASETTE_DB

Why straight to the database: creating two million datasets through the catalogue services
(revisions, audit entries, validation) would take hours and measure the write path, not
search. Rows are written with the column values the services would write (defaults taken from
the models themselves, so new columns need no change here); revisions and audit entries are
left out. The search index is then built by the normal indexing path (`agora search reindex`).

The shape follows shared/research/engine-measurements.md: titles of 5-12 words, descriptions
of 30-150 words, one Zipf-distributed vocabulary per language (real frequent words first,
then pseudo-words), six languages (en 55 %, fr 12 %, es 12 %, ar 8 %, ru 8 %, zh 5 %; Chinese
without spaces), 2,000 organizations and 5,000 tags with Zipf frequencies, 1-3 formats, real
licence, theme, country and language codes from Agora's vocabulary tables.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

SEED = 20261128
BATCH = 20_000
LANGUAGES = np.array(["en", "fr", "es", "ar", "ru", "zh"])
LANGUAGE_SHARE = [0.55, 0.12, 0.12, 0.08, 0.08, 0.05]
TOP = {
    "en": "the of and in for data to by on at from with statistics national survey population "
    "annual report health education public water transport energy budget census regional "
    "economic environment monitoring dataset local information agricultural employment quality "
    "index services government total land air emissions housing crime school hospital road "
    "climate trade income tax labour market prices production forest species elections "
    "municipal district county city spending contracts",
    "fr": "de la le les et des en du pour données statistiques population enquête nationale "
    "rapport annuel santé éducation eau transport énergie budget recensement régional "
    "économique environnement qualité emploi",
    "es": "de la el los las y en del para datos estadísticas población encuesta nacional "
    "informe anual salud educación agua transporte energía presupuesto censo regional "
    "económico medio ambiente calidad empleo",
    "ru": "и в на по для данные статистика население обследование национальный отчёт годовой "
    "здравоохранение образование вода транспорт энергия бюджет перепись региональный "
    "экономический окружающая среда качество занятость",
    "ar": "في من على إلى بيانات إحصاءات السكان مسح الوطني تقرير سنوي الصحة التعليم المياه النقل "
    "الطاقة الميزانية التعداد الإقليمي الاقتصادي البيئة الجودة العمالة",
    "zh": "数据 统计 人口 调查 国家 年度 报告 卫生 教育 水 交通 能源 预算 普查 区域 经济 环境 质量 "
    "就业 的 和 在",
}
SYLLABLES = {
    "latin": [c + v for c in "bcdfghjklmnprstvz" for v in "aeiou"] + ["ch", "st", "tr", "br"],
    "cyrillic": [c + v for c in "бвгдзклмнпрстфхчш" for v in "аеиоуыя"],
    "arabic": [c + v for c in "بتثجحخدذرزسشصضطظعغفقكلمنهوي" for v in ("", "ا", "و", "ي")],
    "han": [chr(c) for c in range(0x4E00, 0x4E00 + 3000)],
}
SCRIPT = {"en": "latin", "fr": "latin", "es": "latin", "ru": "cyrillic", "ar": "arabic"}
VOCABULARY_SIZE = {"en": 60_000, "fr": 25_000, "es": 25_000, "ru": 25_000, "ar": 25_000}
FORMATS = ["CSV", "JSON", "XLSX", "PDF", "XML", "API", "ZIP", "SHP", "GeoJSON", "KML", "HTML"]
RELATIONS = ("tags", "themes", "countries", "languages")
FORMAT_SHARE = np.array([30, 14, 13, 10, 7, 5, 4, 3, 3, 2, 3], dtype=float)


def zipf(rng: np.random.Generator, size: int, exponent: float):  # type: ignore[no-untyped-def]
    weights = 1.0 / np.arange(1, size + 1) ** exponent
    cdf = np.cumsum(weights / weights.sum())
    return lambda count: np.minimum(np.searchsorted(cdf, rng.random(count)), size - 1)


def vocabulary(language: str, rng: np.random.Generator) -> np.ndarray:
    """The language's frequent words, then pseudo-words made of its syllables (the long tail)."""
    top = TOP[language].split()
    size = VOCABULARY_SIZE.get(language, 15_000)
    syllables = np.array(SYLLABLES[SCRIPT.get(language, "han")], dtype=object)
    low, high = (1, 3) if language == "zh" else (2, 4)
    words = dict.fromkeys(top)
    while len(words) < size:
        lengths = rng.integers(low, high + 1, size)
        picks = syllables[rng.integers(0, len(syllables), int(lengths.sum()))]
        offsets = np.cumsum(lengths)[:-1]
        for parts in np.split(picks, offsets):
            words.setdefault("".join(parts), None)
            if len(words) >= size:
                break
    return np.array(list(words), dtype=object)


class Generator:
    def __init__(self, vocabularies: dict[str, list[str]]) -> None:
        self.rng = np.random.default_rng(SEED)
        self.words = {lang: vocabulary(lang, self.rng) for lang in LANGUAGES}
        self.pick = {lang: zipf(self.rng, len(w), 1.07) for lang, w in self.words.items()}
        self.org_pick = zipf(self.rng, 2000, 1.0)
        self.tag_pick = zipf(self.rng, 5000, 1.0)
        self.country_pick = zipf(self.rng, len(vocabularies["countries"]), 0.7)
        self.vocab = vocabularies
        self.tag_keys: list[object] = []  # the Tag rows' keys, once written
        english = self.words["en"]
        self.tags = [
            str(english[50 + i]) if i < 3000 else f"{english[50 + i]}-{english[10 + i % 40]}"
            for i in range(5000)
        ]

    def texts(self, languages: np.ndarray, lengths: np.ndarray) -> list[str]:
        """One text per dataset, each `lengths[i]` words of `languages[i]` (sampled per
        language in one call: per-word Python work is what makes generators slow)."""
        out: list[str] = [""] * len(languages)
        for language in LANGUAGES:
            where = np.flatnonzero(languages == language)
            if not len(where):
                continue
            counts = lengths[where]
            words = self.words[language][self.pick[language](int(counts.sum()))]
            joiner = "" if language == "zh" else " "
            for index, parts in zip(where, np.split(words, np.cumsum(counts)[:-1]), strict=True):
                out[index] = joiner.join(parts)
        return out

    def when(self, count: int) -> np.ndarray:
        start = dt.datetime(2005, 1, 1, tzinfo=dt.UTC).timestamp()
        span = dt.datetime(2025, 12, 31, tzinfo=dt.UTC).timestamp() - start
        return start + span * (1 - self.rng.beta(1.0, 2.5, count))


def _defaults(model, connection, given: set[str]) -> tuple[list[str], list[object]]:  # type: ignore[no-untyped-def]
    """Columns the generator does not set, with the value the model would store."""
    columns, values = [], []
    for column in model._meta.concrete_fields:
        if column.column in given:
            continue
        default = column.get_default()
        columns.append(column.column)
        values.append(column.get_db_prep_save(default, connection) if default is not None else None)
    return columns, values


def _insert(cursor, model, connection, columns: tuple[str, ...], rows: list[tuple]) -> None:  # type: ignore[no-untyped-def, type-arg]
    """Insert rows given for `columns`; every other column gets the model's default (so a
    column added to the model later needs no change here)."""
    if not rows:
        return
    extra_columns, extra_values = _defaults(model, connection, set(columns))
    names = [*columns, *extra_columns]
    marks = ", ".join(["%s"] * len(names))
    sql = f'INSERT INTO "{model._meta.db_table}" ({", ".join(names)}) VALUES ({marks})'  # noqa: S608
    tail = tuple(extra_values)
    cursor.executemany(sql, [row + tail for row in rows])


def _through(cursor, name: str, pairs: list[tuple[str, object]]) -> None:  # type: ignore[no-untyped-def]
    from agora.catalog.models import Dataset

    through = getattr(Dataset, name).through
    table = through._meta.db_table
    target = [
        f.column for f in through._meta.concrete_fields if f.column not in ("id", "dataset_id")
    ]
    sql = f'INSERT INTO "{table}" (dataset_id, {target[0]}) VALUES (%s, %s)'  # noqa: S608
    cursor.executemany(sql, pairs)


def _hex(value: uuid.UUID) -> str:
    return value.hex  # Django stores UUIDs on SQLite as 32 hex digits


def organizations(cursor, connection, generator: Generator) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """2,000 publishers (id, name); created once per database."""
    from agora.catalog.models import Organization

    now = connection.ops.adapt_datetimefield_value(dt.datetime.now(dt.UTC))
    prefixes = ["Ministry of", "Department of", "Office of", "Agency for", "Institute of",
                "City of", "Region of", "Bureau of", "Council of", "Authority for"]  # fmt: skip
    english = generator.words["en"]
    rows: list[tuple[object, ...]] = []
    found = []
    for i in range(2000):
        key = uuid.UUID(int=generator.rng.integers(1, 2**62) << 64 | i)
        title = f"{prefixes[i % 10]} {english[200 + 7 * i].title()} {english[300 + 11 * i].title()}"
        name = f"org-{i:04d}"
        db_key = Organization._meta.pk.get_db_prep_value(key, connection)
        rows.append((db_key, name, json.dumps({"en": title}), now, now))
        found.append((db_key, name))
    columns = ("id", "name", "title", "created_at", "updated_at")
    _insert(cursor, Organization, connection, columns, rows)
    return found


def tags(cursor, connection, generator: Generator) -> list[object]:  # type: ignore[no-untyped-def]
    from agora.catalog.models import Tag

    keys = [Tag._meta.pk.get_db_prep_value(uuid.uuid5(uuid.NAMESPACE_URL, n), connection)
            for n in generator.tags]  # fmt: skip
    rows = list(zip(keys, generator.tags, strict=True))
    _insert(cursor, Tag, connection, ("id", "name"), rows)
    return keys


DATASETTE_SCHEMA = """CREATE TABLE datasets (id TEXT PRIMARY KEY, name TEXT, title TEXT, notes TEXT,
 organization TEXT, license_id TEXT, country TEXT, tags TEXT, res_format TEXT,
 metadata_modified TEXT)"""


def main(count: int, datasette_path: Path) -> None:
    import django

    django.setup()
    from django.db import connection, transaction

    from agora.catalog.models import Country, Language, Licence, Theme

    vocab = {
        "licences": list(Licence.objects.values_list("id", flat=True)[:12]),
        "themes": list(Theme.objects.values_list("code", flat=True)),
        "countries": list(Country.objects.order_by("code").values_list("code", flat=True)[:200]),
        "languages": {code: code for code in Language.objects.values_list("code", flat=True)},
    }
    generator = Generator(vocab)
    if connection.vendor == "sqlite":  # a throwaway bench database: speed over durability
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -1000000")
    peer = sqlite3.connect(datasette_path)
    peer.execute("PRAGMA synchronous = OFF")
    peer.execute(DATASETTE_SCHEMA)
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        orgs = organizations(cursor, connection, generator)
        generator.tag_keys = tags(cursor, connection, generator)
    for start in range(0, count, BATCH):
        batch = draw_batch(generator, start, min(BATCH, count - start), orgs)
        with transaction.atomic(), connection.cursor() as cursor:
            write_batch(cursor, connection, batch)
        peer.executemany("INSERT INTO datasets VALUES (?,?,?,?,?,?,?,?,?,?)", batch.peer)
        peer.commit()
        done = start + len(batch.datasets)
        rate = done / (time.monotonic() - started)
        print(f"  generated {done:>9,} datasets ({rate:,.0f}/s)", flush=True)
    peer.close()


def _stamps(moments: np.ndarray) -> list[str]:
    """Django's SQLite form of aware UTC datetimes ("YYYY-MM-DD HH:MM:SS.ffffff")."""
    values = np.datetime_as_string((moments * 1e6).astype("datetime64[us]"), unit="us")
    return [str(v).replace("T", " ") for v in values]


def _uuid_hex(number: int) -> str:
    return f"{(SEED << 64) | number:032x}"


def _draw(generator: Generator, size: int) -> dict[str, object]:
    """Every random choice of a batch, drawn at once (numpy), in generator order."""
    rng, vocab = generator.rng, generator.vocab
    languages = rng.choice(LANGUAGES, size, p=LANGUAGE_SHARE)
    tag_counts = rng.integers(1, 9, size)
    format_counts = rng.choice([1, 2, 3], size, p=[0.55, 0.3, 0.15])
    return {
        "languages": languages,
        "titles": generator.texts(languages, rng.integers(5, 13, size)),
        "notes": generator.texts(languages, rng.integers(30, 151, size)),
        "orgs": generator.org_pick(size),
        "tag_counts": tag_counts,
        "tags": generator.tag_pick(int(tag_counts.sum())).tolist(),
        "format_counts": format_counts,
        "formats": rng.choice(
            FORMATS, int(format_counts.sum()), p=FORMAT_SHARE / FORMAT_SHARE.sum()
        ),
        "licences": rng.choice(vocab["licences"], size).tolist(),
        "themes": rng.choice(vocab["themes"], size).tolist(),
        "countries": np.array(vocab["countries"], dtype=object)[
            generator.country_pick(size)
        ].tolist(),
        "stamps": _stamps(generator.when(size)),
    }


@dataclass
class Batch:
    """The rows of one batch, for each table they go to (and the peer's own rows)."""

    datasets: list[tuple[object, ...]] = field(default_factory=list)
    distributions: list[tuple[object, ...]] = field(default_factory=list)
    pairs: dict[str, list[tuple[object, object]]] = field(
        default_factory=lambda: {name: [] for name in RELATIONS}
    )
    peer: list[tuple[object, ...]] = field(default_factory=list)


def _slices(counts: np.ndarray) -> list[slice]:
    """Consecutive slices of lengths `counts` (the tags or formats of each dataset)."""
    ends = np.cumsum(counts)
    return [slice(int(e - c), int(e)) for c, e in zip(counts, ends, strict=True)]


def _add_dataset(batch: Batch, generator: Generator, d: dict[str, Any], i: int, number: int,
                 tags: list[int], formats: list[str], orgs) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    """Dataset `i` of the drawn batch (`number` overall) into every table's rows."""
    language, stamp = str(d["languages"][i]), d["stamps"][i]
    title, notes = d["titles"][i], d["notes"][i]
    key = _uuid_hex(number)
    org_id, org_name = orgs[int(d["orgs"][i])]
    batch.datasets.append((
        key, f"ds-{number:07d}", json.dumps({language: title}, ensure_ascii=False),
        json.dumps({language: notes}, ensure_ascii=False), org_id, d["licences"][i],
        stamp, stamp, stamp, title.lower()[:200],
    ))  # fmt: skip
    batch.pairs["tags"] += [(key, generator.tag_keys[t]) for t in tags]
    batch.pairs["themes"].append((key, d["themes"][i]))
    batch.pairs["countries"].append((key, d["countries"][i]))
    if language in generator.vocab["languages"]:
        batch.pairs["languages"].append((key, language))
    for order, fmt in enumerate(formats):
        batch.distributions.append((
            f"{(number << 8) | order:032x}", key, f"{fmt} file",
            f"https://data.example.org/{number}/{order}", fmt, order, stamp, stamp,
        ))  # fmt: skip
    batch.peer.append((
        str(uuid.UUID(key)), f"ds-{number:07d}", title, notes, org_name, d["licences"][i],
        d["countries"][i], json.dumps([generator.tags[t] for t in tags]), json.dumps(formats),
        stamp.replace(" ", "T"),
    ))  # fmt: skip


def draw_batch(generator: Generator, start: int, size: int, orgs) -> Batch:  # type: ignore[no-untyped-def]
    """`size` datasets (numbered from `start`) as rows: no database needed."""
    d = _draw(generator, size)
    batch = Batch()
    tag_slices, format_slices = _slices(d["tag_counts"]), _slices(d["format_counts"])
    for i in range(size):
        tags = list(dict.fromkeys(d["tags"][tag_slices[i]]))
        formats = [str(f) for f in dict.fromkeys(d["formats"][format_slices[i]])]
        _add_dataset(batch, generator, d, i, start + i, tags, formats, orgs)
    return batch


def write_batch(cursor, connection, batch: Batch) -> None:  # type: ignore[no-untyped-def]
    """A drawn batch into Agora's tables (datasets, distributions, relations)."""
    from agora.catalog.models import Dataset, Distribution

    _insert(cursor, Dataset, connection, DATASET_COLUMNS, batch.datasets)
    _insert(cursor, Distribution, connection, DISTRIBUTION_COLUMNS, batch.distributions)
    for name, values in batch.pairs.items():
        _through(cursor, name, values)


DATASET_COLUMNS = (
    "id", "name", "title", "description", "organization_id", "licence_id", "created_at",
    "updated_at", "modified", "title_sort",
)  # fmt: skip
DISTRIBUTION_COLUMNS = (
    "id", "dataset_id", "title", "url", "format", "position", "created_at", "updated_at",
)  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
