"""Every UI string of Agora is translated into the five other UN languages, .mo files are fresh.

UI strings are looked for in every template and Python module under agora/ (as makemessages
would find them), and looked up in the union of the catalogues Django merges at run time:
LOCALE_PATHS (agora/locale, the portal's main catalogue) and the `locale/` folder of every
installed app (agora/harvest/locale, agora/benchmarks/locale, ... and Django's own). Agora's
own catalogues must be complete and compiled.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_python
from django.apps import apps
from django.conf import settings
from django.utils.translation import templatize

from agora.interop.vocabularies.access_rights import ACCESS_RIGHTS
from agora.interop.vocabularies.frequencies import FREQUENCIES
from agora.interop.vocabularies.publisher_types import PUBLISHER_TYPES
from agora.testing import REPO
from agora.web.labels import ACCESS_RIGHTS_LABELS, FREQUENCY_LABELS, PUBLISHER_TYPE_LABELS
from agora.web.translations import (
    agora_locale_dirs,
    locale_dirs,
    mo_matches,
    po_files,
    read_catalog,
)

AGORA = REPO / "agora"
LANGUAGES = ["ar", "zh_Hans", "fr", "ru", "es"]
KEYWORDS = {
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "_": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
TEMPLATE_SUFFIXES = {".html", ".txt", ".xml"}


def _key(message_id: object, context: str | None = None) -> object:
    ident = message_id if isinstance(message_id, str) else tuple(message_id)  # type: ignore[arg-type]
    return (context, ident) if context else ident


@cache
def _catalogues(language: str) -> tuple[tuple[Path, Catalog], ...]:
    files = [d / language / "LC_MESSAGES" / "django.po" for d in locale_dirs()]
    return tuple((po, read_catalog(po)) for po in files if po.is_file())


def _translated_ids(language: str) -> set[object]:
    """msgids with a real translation in any catalogue of this language."""
    ids: set[object] = set()
    for _po, catalog in _catalogues(language):
        for m in catalog:
            strings = m.string if isinstance(m.string, tuple | list) else (m.string,)
            if m.id and all(strings) and not m.fuzzy:
                ids.add(_key(m.id, m.context))
    return ids


def _sources() -> list[tuple[Path, str]]:
    """Code of every template (templatized) and Python module under agora/, tests left out."""
    files = [p for p in sorted(AGORA.rglob("*")) if p.is_file() and "tests" not in p.parts]
    sources = [
        (p, _flat(templatize(p.read_text(), origin=str(p))))
        for p in files
        if p.suffix in TEMPLATE_SUFFIXES and "templates" in p.parts
    ]
    sources += [
        (p, p.read_text()) for p in files if p.suffix == ".py" and "migrations" not in p.parts
    ]
    return sources


def _flat(code: str) -> str:
    """Templatized code without indentation (its gettext calls are one-line literals, and
    Python's tokenizer would otherwise stumble over the blanked-out template's indents)."""
    return "\n".join(line.lstrip() for line in code.splitlines())


@cache
def ui_strings() -> dict[object, str]:
    """{msgid (or (context, msgid), or (singular, plural)): the first file using it}."""
    found: dict[object, str] = {}
    for path, code in _sources():
        for _line, func, message, _comments in extract_python(
            io.BytesIO(code.encode()), KEYWORDS.keys(), [], {}
        ):
            if isinstance(message, tuple | list) and func.startswith(("pgettext", "npgettext")):
                parts = [p for p in message if p]
                key = _key(parts[1] if len(parts) == 2 else tuple(parts[1:3]), parts[0])
            elif isinstance(message, tuple | list):
                key = _key(tuple(message[:2]))
            else:
                key = message
            if key and key not in found:
                found[key] = str(path.relative_to(REPO))
    return found


def test_the_extractor_finds_strings_of_templates_python_and_other_apps():
    strings = ui_strings()
    assert strings["Skip to main content"].startswith("agora/web/templates")
    assert strings["Sign in"].startswith("agora/web/templates")
    assert strings["continuous"] == "agora/web/labels.py"
    assert ("{{ counter }} dataset", "{{ counter }} datasets") not in strings
    assert ("%(counter)s dataset", "%(counter)s datasets") in strings


def test_every_installed_apps_locale_folder_is_read():
    dirs = locale_dirs()
    assert Path(settings.LOCALE_PATHS[0]) in dirs
    expected = [Path(app.path) / "locale" for app in apps.get_app_configs()]
    assert all(d in dirs for d in expected if d.is_dir())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_agoras_catalogues_is_translated(language):
    untranslated = []
    for root in agora_locale_dirs():
        po = root / language / "LC_MESSAGES" / "django.po"
        if not po.is_file():
            untranslated.append(f"{po.relative_to(REPO)} is missing")
            continue
        for m in read_catalog(po):
            strings = m.string if isinstance(m.string, tuple | list) else (m.string,)
            if m.id and (m.fuzzy or not all(strings)):
                untranslated.append(f"{po.relative_to(REPO)}: {m.id!r}")
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_ui_string_is_in_a_catalogue(language):
    known = _translated_ids(language)
    missing = sorted(
        f"{where}: {msgid!r}" for msgid, where in ui_strings().items() if msgid not in known
    )
    assert missing == []


def test_compiled_catalogues_are_up_to_date():
    files = list(po_files(agora_locale_dirs()))
    assert len(files) >= len(LANGUAGES)
    stale = [str(po.relative_to(REPO)) for po in files if not mo_matches(po)]
    assert stale == [], "run `agora manage compiletranslations` and commit the .mo files"


def test_every_vocabulary_code_has_a_translatable_label():
    assert set(FREQUENCY_LABELS) == set(FREQUENCIES)
    assert set(ACCESS_RIGHTS_LABELS) == set(ACCESS_RIGHTS)
    assert set(PUBLISHER_TYPE_LABELS) == set(PUBLISHER_TYPES)
