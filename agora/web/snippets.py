"""Result snippets: a short passage of the description with the searched words marked.

When the search backend returns highlighted passages (`SearchResult.snippets`, a mapping of
dataset id to HTML with <mark> or <em> around the matches, or a list of such passages), they
are used after cleaning; otherwise the passage is cut here from the description shown. Either
way only <mark> survives, so a snippet can never carry markup from the data.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

import nh3
from django.utils.safestring import SafeString, mark_safe

from agora.search.query import And, Not, Or, Phrase, Term, TextNode

LENGTH = 220
_MARKDOWN = re.compile(r"\]\([^)]*\)|[#*_`\[\]]+|^\s*>+", re.MULTILINE)


def query_words(node: TextNode) -> list[str]:
    """Words and phrases the reader asked for (not the excluded ones), longest first."""
    found: list[str] = []

    def walk(item: TextNode) -> None:
        if isinstance(item, Term | Phrase) and item.field in (None, "title", "text"):
            if len(item.text) > 1:
                found.append(item.text)
        elif isinstance(item, And | Or):
            for child in item.items:
                walk(child)
        elif isinstance(item, Not):
            return

    walk(node)
    return sorted(dict.fromkeys(found), key=len, reverse=True)


def plain(markdown: str) -> str:
    return " ".join(_MARKDOWN.sub("", markdown).split())


def _marked(text: str, words: Iterable[str]) -> str:
    # Words are marked where they start a word ("air" in "air quality", not in "Nairobi").
    pattern = "|".join(rf"(?<!\w){re.escape(w)}" for w in words)
    if not pattern:
        return html.escape(text)
    out, last = [], 0
    for match in re.finditer(pattern, text, flags=re.IGNORECASE):
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def snippet(text: str, words: list[str], length: int = LENGTH) -> SafeString:
    """A window of `text` around the first match (or its start), matches in <mark>."""
    text = plain(text)
    start = 0
    pattern = "|".join(rf"(?<!\w){re.escape(w)}" for w in words)
    first = re.search(pattern, text, flags=re.IGNORECASE) if pattern else None
    hits = [first.start()] if first else []
    if hits:
        start = max(0, min(hits) - length // 4)
        if start:  # begin at a word boundary
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < min(hits) else start
    window = text[start : start + length]
    prefix = "… " if start else ""
    suffix = " …" if start + length < len(text) else ""
    return mark_safe(prefix + _marked(window, words) + html.escape(suffix))


def backend_snippet(result: Any, dataset_id: str) -> SafeString | None:
    """The engine's own highlighted passage for a result, cleaned, if it gave one."""
    snippets = getattr(result, "snippets", None) or getattr(result, "highlights", None)
    if not isinstance(snippets, dict):
        return None
    value = snippets.get(dataset_id) or snippets.get(str(dataset_id))
    if isinstance(value, list | tuple):
        value = " … ".join(str(v) for v in value if v)
    if not value:
        return None
    text = re.sub(r"<(/?)(em|b|strong)>", r"<\1mark>", str(value))
    return mark_safe(nh3.clean(text, tags={"mark"}, attributes={}))
