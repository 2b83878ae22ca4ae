"""Parse the Lucene/Solr query syntax that CKAN clients send into our TextNode tree.

Supported: bare terms, "phrases", AND / OR / NOT (and && || !), +required and -excluded
clauses, (grouping), field:value and field:"phrase", a trailing * wildcard (prefix match),
and *:* for everything. Whatever else arrives is treated as text, never as an error, except
unknown fields, which the caller reports. Hostile input is bounded: control characters are
dropped, the number of terms and the nesting depth are capped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InvalidSearchQuery
from .query import And, MatchAll, Not, Or, Phrase, Term, TextNode

MAX_TERMS = 1024
MAX_DEPTH = 32
MAX_LENGTH = 100_000

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<and>&&)
  | (?P<or>\|\|)
  | (?P<bang>!)
  | (?P<sign>[+-])(?=[^\s+-])
  | (?P<field>[A-Za-z_][\w.-]*):(?=\S)
  | (?P<phrase>"(?:[^"\\]|\\.)*"?)
  | (?P<word>(?:[^\s()"\\]|\\.)+)
    """,
    re.VERBOSE,
)


_PHRASE_BODY = re.compile(r'^"((?:[^"\\]|\\.)*)"?$', re.DOTALL)


@dataclass
class _Token:
    kind: str
    text: str


def _tokens(text: str) -> list[_Token]:
    cleaned = "".join(c if c.isprintable() or c in "\t\n" else " " for c in text[:MAX_LENGTH])
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(cleaned):
        kind = match.lastgroup or "word"
        value = match.group()
        if kind == "space":
            continue
        if kind == "word" and value in ("AND", "OR", "NOT"):
            kind = value.lower()
        elif kind == "sign":
            kind = "plus" if value == "+" else "minus"
        tokens.append(_Token({"and": "and", "or": "or", "bang": "not"}.get(kind, kind), value))
        if len(tokens) > MAX_TERMS * 3:
            raise InvalidSearchQuery(f"The query has more than {MAX_TERMS} terms")
    return tokens


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.position = 0
        self.terms = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def parse(self) -> TextNode:
        node = self.expression(0)
        while self.peek() is not None:  # stray ")" and the like: keep reading as text
            self.take()
            node = _combine([node, self.expression(0)])
        return node

    def expression(self, depth: int) -> TextNode:
        """A sequence of clauses: OR binds loosest, AND and juxtaposition tighter."""
        if depth > MAX_DEPTH:
            raise InvalidSearchQuery("The query is nested too deeply")
        alternatives: list[TextNode] = []
        required: list[TextNode] = []
        while (token := self.peek()) is not None and token.kind != "rparen":
            if token.kind == "or":
                self.take()
                if required:
                    alternatives.append(_combine(required))
                    required = []
                continue
            if token.kind == "and":
                self.take()
                continue
            clause = self.clause(depth)
            if clause is not None:
                required.append(clause)
        if required:
            alternatives.append(_combine(required))
        if not alternatives:
            return MatchAll()
        return alternatives[0] if len(alternatives) == 1 else Or(tuple(alternatives))

    def clause(self, depth: int) -> TextNode | None:
        if depth > MAX_DEPTH:  # "NOT NOT NOT ..." nests as deeply as parentheses do
            raise InvalidSearchQuery("The query is nested too deeply")
        token = self.take()
        if token.kind in ("not", "minus"):
            inner = self.clause(depth + 1) if self.peek() is not None else None
            return Not(inner) if inner is not None else None
        if token.kind == "plus":
            return self.clause(depth + 1) if self.peek() is not None else None
        if token.kind == "lparen":
            inner = self.expression(depth + 1)
            if self.peek() is not None and self.peek().kind == "rparen":  # type: ignore[union-attr]
                self.take()
            return inner
        if token.kind == "field":
            return self.field_clause(token.text[:-1], depth)
        return self.leaf(token, None)

    def field_clause(self, field: str, depth: int) -> TextNode | None:
        if self.peek() is None:
            return None
        token = self.take()
        if token.kind == "lparen":
            inner = self.expression(depth + 1)
            if self.peek() is not None and self.peek().kind == "rparen":  # type: ignore[union-attr]
                self.take()
            return _with_field(inner, field)
        return self.leaf(token, field)

    def leaf(self, token: _Token, field: str | None) -> TextNode | None:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise InvalidSearchQuery(f"The query has more than {MAX_TERMS} terms")
        if token.kind == "phrase":
            body = _PHRASE_BODY.match(token.text)
            text = _unescape(body.group(1) if body else "").strip()
            return Phrase(text, field) if text else None
        if token.kind in ("rparen",):
            return None
        text = _unescape(token.text).strip()  # escaped spaces at the ends are no part of it
        if not text:
            return None
        if text in ("*", "*:*"):
            return MatchAll()
        if text.endswith("*") and len(text) > 1 and "*" not in text[:-1]:
            return Term(text[:-1], field, prefix=True)
        text = text.replace("*", "").replace("?", "").strip()
        return Term(text, field) if text else None


def _combine(nodes: list[TextNode]) -> TextNode:
    nodes = [n for n in nodes if not isinstance(n, MatchAll)] or [MatchAll()]
    return nodes[0] if len(nodes) == 1 else And(tuple(nodes))


def _with_field(node: TextNode, field: str) -> TextNode:
    if isinstance(node, Term):
        return Term(node.text, node.field or field, node.prefix)
    if isinstance(node, Phrase):
        return Phrase(node.text, node.field or field)
    if isinstance(node, And):
        return And(tuple(_with_field(n, field) for n in node.items))
    if isinstance(node, Or):
        return Or(tuple(_with_field(n, field) for n in node.items))
    if isinstance(node, Not):
        return Not(_with_field(node.item, field))
    return node


def parse_query(text: str) -> TextNode:
    """Parse a CKAN/Solr `q`; empty or `*:*` means everything."""
    if not text or not text.strip() or text.strip() == "*:*":
        return MatchAll()
    return _Parser(_tokens(text)).parse()


def fields_in(node: TextNode) -> set[str]:
    if isinstance(node, Term | Phrase):
        return {node.field} if node.field else set()
    if isinstance(node, And | Or):
        return set().union(*(fields_in(n) for n in node.items))
    if isinstance(node, Not):
        return fields_in(node.item)
    return set()


_WORDS = {"AND", "OR", "NOT"}


def _escaped(word: str) -> str:
    """A word written so that it reads back as one word: specials escaped with a backslash."""
    written = re.sub(r'([\s()":\\*?])', r"\\\1", word)
    if written in _WORDS or written[:1] in ("+", "-", "!", "&", "|"):
        written = "\\" + written
    return written


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unparse(node: TextNode, replace: dict[str, str] | None = None) -> str:
    """The query written back in the syntax parse_query reads, words replaced as given (a
    corrected "did you mean" query, for instance)."""
    replace = replace or {}
    if isinstance(node, MatchAll):
        return "*:*"
    if isinstance(node, Term):
        text = replace.get(node.text, node.text)
        written = _escaped(text) + ("*" if node.prefix else "")
        return f"{node.field}:{written}" if node.field else written
    if isinstance(node, Phrase):
        return f"{node.field}:{_quoted(node.text)}" if node.field else _quoted(node.text)
    if isinstance(node, Not):
        return "NOT " + _grouped(node.item, replace)
    if isinstance(node, And):
        return " ".join(_grouped(item, replace) for item in node.items)
    if isinstance(node, Or):
        return " OR ".join(_grouped(item, replace) for item in node.items)
    return ""


def _grouped(node: TextNode, replace: dict[str, str]) -> str:
    text = unparse(node, replace)
    return f"({text})" if isinstance(node, And | Or) else text
