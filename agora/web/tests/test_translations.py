"""Every UI string is translated into the five other UN languages, and the .mo files are fresh."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_python
from django.conf import settings
from django.utils.translation import templatize

from agora.interop.vocabularies.access_rights import ACCESS_RIGHTS
from agora.interop.vocabularies.frequencies import FREQUENCIES
from agora.interop.vocabularies.publisher_types import PUBLISHER_TYPES
from agora.web.labels import ACCESS_RIGHTS_LABELS, FREQUENCY_LABELS, PUBLISHER_TYPE_LABELS
from agora.web.translations import mo_matches, po_files, read_catalog

WEB = Path(__file__).resolve().parents[1]
LANGUAGES = ["ar", "zh_Hans", "fr", "ru", "es"]
KEYWORDS = {
    "gettext": None,
    "gettext_lazy": None,
    "_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}


def _catalog(language: str):
    return read_catalog(Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po")


def _ui_strings() -> set[object]:
    """msgids used by the portal's templates and Python code, found as makemessages would."""
    found: set[object] = set()
    sources = [(p, templatize(p.read_text(), origin=str(p))) for p in WEB.rglob("*.html")]
    sources += [(p, p.read_text()) for p in WEB.rglob("*.py") if "tests" not in p.parts]
    for _path, code in sources:
        for _line, _func, message, _comments in extract_python(
            io.BytesIO(code.encode()), KEYWORDS.keys(), [], {}
        ):
            found.add(message if isinstance(message, str) else tuple(message[:2]))
    return {m for m in found if m}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    untranslated = [
        m.id
        for m in _catalog(language)
        if m.id and (not m.string or m.fuzzy or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_ui_string_is_in_the_catalogue(language):
    ids = {m.id if isinstance(m.id, str) else tuple(m.id) for m in _catalog(language) if m.id}
    assert sorted(map(str, _ui_strings() - ids)) == []


def test_compiled_catalogues_are_up_to_date():
    files = list(po_files([Path(p) for p in settings.LOCALE_PATHS]))
    assert len(files) == len(LANGUAGES)
    stale = [str(po) for po in files if not mo_matches(po)]
    assert stale == [], "run `agora manage compiletranslations` and commit the .mo files"


def test_every_vocabulary_code_has_a_translatable_label():
    assert set(FREQUENCY_LABELS) == set(FREQUENCIES)
    assert set(ACCESS_RIGHTS_LABELS) == set(ACCESS_RIGHTS)
    assert set(PUBLISHER_TYPE_LABELS) == set(PUBLISHER_TYPES)
