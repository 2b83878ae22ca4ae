"""The PostgreSQL search table, its text search configurations and indexes.

Created only on PostgreSQL (the embedded engine keeps its index on disk). The configurations
fold accents (unaccent) and stem with snowball, keeping stop words, so that a search for
"the" or "de" behaves as it does with the embedded engine.
"""

from django.db import migrations

LANGUAGES = {
    "agora_en": "english",
    "agora_fr": "french",
    "agora_es": "spanish",
    "agora_ru": "russian",
    "agora_ar": "arabic",
}
TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword"

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION agora_simple (COPY = simple)",
    f"ALTER TEXT SEARCH CONFIGURATION agora_simple ALTER MAPPING FOR {TOKENS} "
    "WITH unaccent, simple",
    *[
        statement
        for config, language in LANGUAGES.items()
        for statement in (
            f"CREATE TEXT SEARCH DICTIONARY {config}_stem (TEMPLATE = snowball, "
            f"Language = {language})",
            f"CREATE TEXT SEARCH CONFIGURATION {config} (COPY = simple)",
            f"ALTER TEXT SEARCH CONFIGURATION {config} ALTER MAPPING FOR {TOKENS} "
            f"WITH unaccent, {config}_stem",
        )
    ],
    """CREATE TABLE search_document (
        kind varchar(32) NOT NULL,
        object_id varchar(64) NOT NULL,
        stamp bigint NOT NULL,
        keys text[] NOT NULL,
        dates jsonb NOT NULL,
        sorts jsonb NOT NULL,
        titles jsonb NOT NULL,
        boost double precision NOT NULL,
        plain text NOT NULL,
        tsv tsvector NOT NULL,
        PRIMARY KEY (kind, object_id)
    )""",
    "CREATE INDEX search_document_tsv ON search_document USING gin (tsv)",
    "CREATE INDEX search_document_keys ON search_document USING gin (keys)",
    "CREATE INDEX search_document_plain ON search_document USING gin (plain gin_trgm_ops)",
]
DROP = [
    "DROP TABLE IF EXISTS search_document",
    *[f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {c}" for c in [*LANGUAGES, "agora_simple"]],
    *[f"DROP TEXT SEARCH DICTIONARY IF EXISTS {c}_stem" for c in LANGUAGES],
]


def _run(statements):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
