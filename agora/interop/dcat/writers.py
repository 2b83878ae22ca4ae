"""Text for the blocks of stream.py: N-Triples, Turtle, JSON-LD (official DCAT-AP 3.0.1 terms)
and RDF/XML, written block by block so a document of any length is produced in pieces.

Each writer has `head()`, `blocks(blocks)` and `tail()`; concatenated they are one document.
Escaping follows each grammar: N-Triples and Turtle escape `"`, `\\` and line breaks in
strings; characters no IRI may hold are percent-encoded in every format; RDF/XML escapes
markup, writes carriage returns as character references (XML parsers would turn them into
line feeds) and leaves out the control characters XML 1.0 cannot carry at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Protocol

from .jsonld import DCAT_AP_CONTEXT_URL, TERMS
from .namespaces import PREFIXES
from .stream import Blank, Block, Lit, Term

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_NAMESPACES: list[tuple[str, str]] = sorted(
    ((prefix, str(ns)) for prefix, ns in PREFIXES.items()), key=lambda p: -len(p[1])
)
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


class Writer(Protocol):
    media_type: str

    def head(self) -> str: ...

    def blocks(self, blocks: Iterable[Block]) -> str: ...

    def tail(self) -> str: ...


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


def safe_iri(iri: str) -> str:
    """The IRI with the characters no IRI may hold (spaces, `<>"{}|^` and backquote,
    backslash, controls) percent-encoded, as a browser would send them: URLs harvested from
    other catalogues sometimes hold them, and a document must stay parseable."""
    return _IRI_UNSAFE.sub(_percent, iri)


def _iri(iri: str) -> str:
    return "<" + _IRI_UNSAFE.sub(_percent, iri) + ">"


@lru_cache(maxsize=4096)
def _known_iri(iri: str) -> str:
    """Properties, classes and datatypes: few, repeated on every dataset."""
    return _iri(iri)


@lru_cache(maxsize=4096)
def _split(iri: str) -> tuple[str, str] | None:
    """(prefix, local name) of an IRI in one of our namespaces, when the name is simple."""
    for prefix, namespace in _NAMESPACES:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if _LOCAL_NAME.match(local):
                return prefix, local
            return None
    return None


class NTriples:
    media_type = "application/n-triples"

    def head(self) -> str:
        return ""

    def tail(self) -> str:
        return ""

    def term(self, term: Term) -> str:
        if type(term) is str:
            return _iri(term)
        if type(term) is Blank:
            return "_:" + term.label
        if type(term) is not Lit:
            raise TypeError(f"not an RDF term: {term!r}")
        text = '"' + term.value.translate(_STRING_ESCAPES) + '"'
        if term.lang:
            return text + "@" + term.lang
        if term.datatype:
            return text + "^^" + _known_iri(term.datatype)
        return text

    def blocks(self, blocks: Iterable[Block]) -> str:
        lines: list[str] = []
        rdf_type = _known_iri(RDF_NS + "type")
        term = self.term
        for subject, types, props in blocks:
            head = term(subject) + " "
            for cls in types:
                lines.append(f"{head}{rdf_type} {_known_iri(cls)} .\n")
            for predicate, obj in props:
                lines.append(f"{head}{_known_iri(predicate)} {term(obj)} .\n")
        return "".join(lines)


@lru_cache(maxsize=4096)
def _turtle_name(iri: str) -> str:
    split = _split(iri)
    return f"{split[0]}:{split[1]}" if split else _iri(iri)


class Turtle(NTriples):
    media_type = "text/turtle"

    def head(self) -> str:
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())) + "\n"

    def term(self, term: Term) -> str:
        if type(term) is Lit and term.datatype and not term.lang:
            text = '"' + term.value.translate(_STRING_ESCAPES) + '"'
            return text + "^^" + _turtle_name(term.datatype)
        return super().term(term)

    def blocks(self, blocks: Iterable[Block]) -> str:
        parts: list[str] = []
        term = self.term
        for subject, types, props in blocks:
            statements = []
            if types:
                statements.append("a " + ", ".join(_turtle_name(t) for t in types))
            statements.extend(f"{_turtle_name(p)} {term(o)}" for p, o in props)
            parts.append(term(subject) + " " + " ;\n    ".join(statements) + " .\n")
        return "".join(parts)


_CLASS_TERM = {iri: term for term, (iri, _) in TERMS.items()}


class JsonLd:
    """A flat JSON-LD document: `{"@context": <official URL>, "@graph": [node, ...]}`.

    Terms of the official context are used for the properties of nodes of one class (as
    jsonld.py does for rdflib graphs); every other property is a full IRI. Values are explicit
    (`{"@id"}` or `{"@value", "@language"|"@type"}`) except IRIs under terms the context
    coerces to `@id`, written as plain strings."""

    media_type = "application/ld+json"

    def __init__(self) -> None:
        self._separator = ""

    def head(self) -> str:
        return '{"@context": ' + json.dumps(DCAT_AP_CONTEXT_URL) + ', "@graph": [\n'

    def tail(self) -> str:
        return "\n]}\n"

    @staticmethod
    def _id(term: str | Blank) -> str:
        return "_:" + term.label if isinstance(term, Blank) else safe_iri(term)

    def node(self, block: Block) -> dict[str, Any]:
        subject, types, props = block
        only = types[0] if len(types) == 1 else ""
        scoped = TERMS[_CLASS_TERM[only]][1] if only in _CLASS_TERM else {}
        node: dict[str, Any] = {"@id": self._id(subject)}
        if types:
            node["@type"] = [_CLASS_TERM.get(t, t) for t in types]
        for predicate, obj in props:
            name, coerced = scoped.get(predicate, (predicate, False))
            value: Any
            if type(obj) is Lit:
                value = {"@value": obj.value}
                if obj.lang:
                    value["@language"] = obj.lang
                elif obj.datatype:
                    value["@type"] = obj.datatype
            else:
                ident = self._id(obj)  # type: ignore[arg-type]
                value = ident if coerced else {"@id": ident}
            node.setdefault(name, []).append(value)
        return node

    def blocks(self, blocks: Iterable[Block]) -> str:
        dumps = json.dumps
        parts = [dumps(self.node(b), ensure_ascii=False) for b in blocks]
        if not parts:
            return ""
        text = self._separator + ",\n".join(parts)
        self._separator = ",\n"
        return text


_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_XML_ATTRIBUTE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)
_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _XML_FORBIDDEN.sub("", text).translate(_XML_TEXT)


def _xml_attribute(text: str) -> str:
    return _XML_FORBIDDEN.sub("", text).translate(_XML_ATTRIBUTE)


@lru_cache(maxsize=4096)
def _qname(iri: str) -> str:
    split = _split(iri)
    if split is None:
        raise ValueError(f"RDF/XML needs a namespace for the property {iri}")
    return f"{split[0]}:{split[1]}"


class RdfXml:
    media_type = "application/rdf+xml"

    def head(self) -> str:
        names = "".join(f'\n   xmlns:{p}="{ns}"' for p, ns in sorted(PREFIXES.items()))
        return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF xmlns:rdf="{RDF_NS}"{names}>\n'

    def tail(self) -> str:
        return "</rdf:RDF>\n"

    @staticmethod
    def _reference(term: str | Blank) -> str:
        if type(term) is Blank:
            return f'rdf:nodeID="{term.label}"'
        return f'rdf:resource="{_xml_attribute(safe_iri(term))}"'  # type: ignore[arg-type]

    def blocks(self, blocks: Iterable[Block]) -> str:
        parts: list[str] = []
        for subject, types, props in blocks:
            if type(subject) is Blank:
                parts.append(f'<rdf:Description rdf:nodeID="{subject.label}">\n')
            else:
                about = _xml_attribute(safe_iri(subject))  # type: ignore[arg-type]
                parts.append(f'<rdf:Description rdf:about="{about}">\n')
            for cls in types:
                parts.append(f'  <rdf:type rdf:resource="{_xml_attribute(cls)}"/>\n')
            for predicate, obj in props:
                name = _qname(predicate)
                if type(obj) is Lit:
                    if obj.lang:
                        attribute = f' xml:lang="{obj.lang}"'
                    elif obj.datatype:
                        attribute = f' rdf:datatype="{_xml_attribute(obj.datatype)}"'
                    else:
                        attribute = ""
                    parts.append(f"  <{name}{attribute}>{_xml_text(obj.value)}</{name}>\n")
                else:
                    parts.append(f"  <{name} {self._reference(obj)}/>\n")  # type: ignore[arg-type]
            parts.append("</rdf:Description>\n")
        return "".join(parts)


WRITERS: dict[str, type[NTriples] | type[JsonLd] | type[RdfXml]] = {
    "nt": NTriples,
    "ttl": Turtle,
    "jsonld": JsonLd,
    "rdf": RdfXml,
}


def writer_for(extension: str) -> Writer:
    """A fresh writer (JSON-LD writers keep state between calls) for ttl, rdf, jsonld or nt."""
    return WRITERS[extension]()


__all__ = ["WRITERS", "JsonLd", "NTriples", "RdfXml", "Turtle", "Writer", "writer_for"]
