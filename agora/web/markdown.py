"""Dataset descriptions are Markdown written by publishers (or harvested): render it safely.

markdown-it-py follows CommonMark; raw HTML in the source is not passed through, and the
output is cleaned by nh3 (an allow-list HTML sanitiser) anyway, so that a harvested
description can never inject a script, a style or an event handler into the portal.
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
MAX_SOURCE = 100_000

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def _demote_headings(html: str) -> str:
    """A description lives under the page's h1 and an h2: its headings start at h3."""
    for level in (5, 4, 3, 2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 2 if level < 5 else 6}>")
        html = html.replace(f"</h{level}>", f"</h{level + 2 if level < 5 else 6}>")
    return html


def render_markdown(source: str) -> SafeString:
    html = _demote_headings(_parser.render(source[:MAX_SOURCE]))
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(clean)
