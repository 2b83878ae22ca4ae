"""Highlighted passages of results: the words a query matched, marked in the text shown.

Engine-independent on purpose: both engines find documents, and this module marks the words
with the same analyzers the embedded engine indexes with, so a stemmed match ("statistics"
for "statistical") is marked too. The output is escaped text with <mark> around matches.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from agora.core.i18n import pick

from .adapters import SearchAdapter
from .analysis import Token, language_of, terms, tokens
from .query import And, Not, Or, Phrase, Term, TextNode

LENGTH = 220


def _wanted(node: TextNode, fields: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(words, prefixes) the query looks for in the given text fields (excluded ones not)."""
    if isinstance(node, Term | Phrase):
        if node.field is not None and node.field not in fields:
            return [], []
        if isinstance(node, Term) and node.prefix:
            return [], [node.text]
        return [node.text], []
    if isinstance(node, And | Or):
        words: list[str] = []
        prefixes: list[str] = []
        for item in node.items:
            found = _wanted(item, fields)
            words += found[0]
            prefixes += found[1]
        return words, prefixes
    if isinstance(node, Not):
        return [], []
    return [], []


def _matches(text: str, language: str, node: TextNode, fields: tuple[str, ...]) -> list[Token]:
    words, prefixes = _wanted(node, fields)
    analysis = language_of(language)
    wanted = {t for w in words for t in terms(w, analysis)}
    starts = [t for p in prefixes for t in terms(p, analysis)]
    return [
        token
        for token in tokens(text, analysis)
        if token.text in wanted or any(token.text.startswith(s) for s in starts)
    ]


def mark(text: str, matches: Sequence[Token], start: int = 0, end: int | None = None) -> str:
    """`text[start:end]`, escaped, with every match inside it wrapped in <mark>."""
    end = len(text) if end is None else end
    out, position = [], start
    for token in matches:
        if token.start < start or token.end > end:
            continue
        out.append(html.escape(text[position : token.start]))
        out.append(f"<mark>{html.escape(text[token.start : token.end])}</mark>")
        position = token.end
    out.append(html.escape(text[position:end]))
    return "".join(out)


def passage(text: str, matches: Sequence[Token], length: int = LENGTH) -> str:
    """About `length` characters around the first match, cut at spaces, with ellipses."""
    if len(text) <= length:
        return mark(text, matches)
    first = matches[0].start if matches else 0
    start = max(0, first - length // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return prefix + mark(text, matches, start, end) + suffix


def highlight_results(
    adapter: SearchAdapter, ids: Sequence[str], node: TextNode, language: str
) -> tuple[dict[str, str], dict[str, str]]:
    """(snippets, titles) for a page of results, from their current documents."""
    documents = adapter.documents(list(ids))
    snippets, titles = {}, {}
    for key in ids:
        document = documents.get(key)
        if document is None:
            continue
        title, title_language = pick(document.texts.get("title", {}), language)
        title_matches = _matches(title, title_language or "", node, ("title",))
        titles[key] = mark(title, title_matches)
        best = ("", "", [])  # type: tuple[str, str, list[Token]]
        for lang, text in document.texts.get("description", {}).items():
            found = _matches(text, lang, node, ("description",))
            if found and (not best[2] or lang == language):
                best = (lang, text, found)
        if best[2]:
            snippets[key] = passage(best[1], best[2])
        elif title_matches:
            snippets[key] = titles[key]
    return snippets, titles
