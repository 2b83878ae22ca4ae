"""Compile the portal's .po files into .mo files with babel (no GNU gettext needed).

Django's `compilemessages` needs `msgfmt` from GNU gettext, which a fresh machine may lack. The
compiled .mo files are committed next to their .po files, and a test fails when one is out of
date; `agora manage compiletranslations` rewrites them after a translation changes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po


def locale_dirs() -> list[Path]:
    """Every folder Django reads catalogues from: LOCALE_PATHS, then each installed app's
    `locale/` (Django merges them all at run time)."""
    from django.apps import apps
    from django.conf import settings

    found = [Path(p) for p in settings.LOCALE_PATHS]
    found += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    return [d for d in dict.fromkeys(found) if d.is_dir()]


def agora_locale_dirs() -> list[Path]:
    """The catalogues Agora itself writes: agora/locale and agora/<app>/locale."""
    package = Path(__file__).resolve().parents[1]
    return [d for d in locale_dirs() if d.resolve().is_relative_to(package)]


def po_files(locale_paths: list[Path]) -> Iterator[Path]:
    for root in locale_paths:
        yield from sorted(Path(root).glob("*/LC_MESSAGES/*.po"))


def read_catalog(po: Path) -> Catalog:
    with po.open("rb") as handle:
        return read_po(handle)


def compiled(po: Path) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(po), use_fuzzy=False)
    return buffer.getvalue()


def translations_of(catalog: Catalog) -> dict[object, object]:
    """{msgid: msgstr} of the translated messages (the content a .mo file carries)."""

    def key(value: object) -> object:
        return tuple(value) if isinstance(value, list | tuple) else value

    return {
        key(m.id): key(m.string)
        for m in catalog
        if m.id
        and m.string
        and not m.fuzzy
        and (not isinstance(m.string, list | tuple) or all(m.string))
    }


def mo_matches(po: Path) -> bool:
    mo = po.with_suffix(".mo")
    if not mo.is_file():
        return False
    with mo.open("rb") as handle:
        current = read_mo(handle)
    return translations_of(current) == translations_of(read_catalog(po))


def compile_all(locale_paths: list[Path]) -> list[Path]:
    written = []
    for po in po_files(locale_paths):
        po.with_suffix(".mo").write_bytes(compiled(po))
        written.append(po.with_suffix(".mo"))
    return written
