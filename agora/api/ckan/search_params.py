"""CKAN package_search parameters -> SearchQuery (the compatibility edge, and only here).

CKAN exposes Solr: `q` is Lucene syntax and `fq` is a Solr filter. We accept the subset that
clients actually send, translate it into Agora's SearchQuery, and answer anything else with a
clear 400 ("Search Query Error") rather than a 500: wildcards anywhere but at the end of a
word, `?`, fuzzy and proximity (`~`), boosts (`^`), ranges on anything but the metadata dates,
and Solr's tuning parameters. Date ranges are read in `q` as well as in `fq` (clients send
both); `text:` is Solr's catch-all field and means "anywhere", `notes:` the description.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from django.conf import settings

from agora.core.errors import BadRequest
from agora.search.errors import InvalidSearchQuery
from agora.search.query import (
    And,
    Filter,
    MatchAll,
    Not,
    Or,
    Phrase,
    RangeFilter,
    SearchQuery,
    Sort,
    Term,
    TextNode,
)
from agora.search.syntax import fields_in, parse_query

from .params import Params

# CKAN field names accepted in fq / facet.field, and the SearchQuery field each one means.
CKAN_FIELDS = {
    "organization": "organization",
    "owner_org": "owner_org",
    "tags": "tags",
    "res_format": "res_format",
    "license_id": "license_id",
    "groups": "theme",
    "theme": "theme",
    "country": "country",
    "countries": "country",
    "language": "language",
    "name": "name",
    "id": "id",
    "capacity": "private",
    "metadata_modified": "metadata_modified",
    "metadata_created": "metadata_created",
}
# Fields CKAN adds to every query that mean nothing here (one site, one dataset type): a filter
# on them keeps everything when it names what every dataset is, and is refused otherwise (a
# client asking for harvest sources must not get datasets instead).
IGNORED_FIELDS = {"dataset_type": "dataset", "type": "dataset", "entity_type": "package"}
ANY_VALUE_FIELDS = {"site_id"}
TEXT_FIELDS = {"title", "name", "tags", "organization", "res_format", "license_id", "text", "notes"}
# Solr field names in q that mean an Agora text field (None: any text).
Q_TEXT_FIELDS = {"text": None, "notes": "description", "title": "title"}
SORTS = {"score", "metadata_modified", "metadata_created", "title_string", "name"}
UNSUPPORTED_PARAMS = {"qf", "bf", "boost", "tie", "defType", "mm", "wt", "hl", "spellcheck"}
DEFAULT_SORT = "score desc, metadata_modified desc"
# The look-behind makes a match start only at the start of a field name: without it, every
# position inside a long word is tried again and fq takes quadratic time. `[` and `]` include
# their end, `{` and `}` exclude it (Solr's notation); a leading -, ! or NOT excludes the range.
_RANGE = re.compile(
    r"(?<![\w.+])(?P<negated>[-!]|NOT\s+)?(?P<field>\+?[\w.]+):(?P<open>[\[{])"
    r"(?P<start>[^\s\[\]{}]+)\s+TO\s+(?P<end>[^\s\[\]{}]+)(?P<close>[\]}])"
)
# Where a range stood in q or fq, once taken out as a filter: a word the parser keeps as is.
_PLACEHOLDER = "__agora_range_{}__"
_PLACEHOLDER_WORD = re.compile(r"^__agora_range_\d+__$")
_WORDS = re.compile(r'"(?:[^"\\]|\\.)*"?(?:~\d*)?|[^\s"]+')
# Bounded by brackets on both sides, so a hostile q full of "[" is still read in linear time.
_RANGE_SYNTAX = re.compile(r"[\[{][^\[\]{}]*\bTO\b[^\[\]{}]*[\]}]")
# Solr date math after NOW or a date: "+3DAYS", "-1YEAR", "/DAY" (round down), in any number.
_DATE = re.compile(
    r"^(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?)"
)
_MATH = re.compile(r"(?:(?P<sign>[+-])(?P<amount>\d{1,9})|/)(?P<unit>[A-Z]+)")
_UNITS = {
    "YEAR": "year", "MONTH": "month", "DAY": "day", "DATE": "day", "HOUR": "hour",
    "MINUTE": "minute", "SECOND": "second", "MILLI": "millisecond", "MILLISECOND": "millisecond",
}  # fmt: skip
_ROUNDING = {
    "year": {"month": 1, "day": 1, "hour": 0, "minute": 0, "second": 0, "microsecond": 0},
    "month": {"day": 1, "hour": 0, "minute": 0, "second": 0, "microsecond": 0},
    "day": {"hour": 0, "minute": 0, "second": 0, "microsecond": 0},
    "hour": {"minute": 0, "second": 0, "microsecond": 0},
    "minute": {"second": 0, "microsecond": 0},
    "second": {"microsecond": 0},
    "millisecond": {},
}


def _add(when: dt.datetime, amount: int, unit: str) -> dt.datetime:
    """`when` moved by `amount` units; months and years move on the calendar (Jan 31 + 1
    month is the last day of February, as in Solr)."""
    if unit in ("year", "month"):
        months = when.month - 1 + amount * (12 if unit == "year" else 1)
        year, month = when.year + months // 12, months % 12 + 1
        last = calendar.monthrange(year, month)[1]
        return when.replace(year=year, month=month, day=min(when.day, last))
    return when + dt.timedelta(**{f"{unit}s": amount})


def _base(text: str) -> tuple[dt.datetime, str]:
    """The moment a date expression starts from (NOW or a date) and the math after it."""
    if text.startswith("NOW"):
        return dt.datetime.now(dt.UTC), text[3:]
    found = _DATE.match(text)
    if not found:
        raise ValueError(text)
    value = dt.datetime.fromisoformat(found.group(1).replace("Z", "+00:00"))
    value = value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return value, text[found.end() :]


def _when(text: str) -> dt.datetime | None:
    """A Solr date: `*`, an ISO date or time (UTC unless it says), or NOW, each followed by
    any date math ("NOW/DAY-7DAYS", "2020-01-01T00:00:00Z+1MONTH")."""
    if text == "*":
        return None
    try:
        when, math = _base(text)
        position = 0
        for step in _MATH.finditer(math):
            unit = _UNITS.get(step.group("unit").removesuffix("S"))
            if step.start() != position or unit is None:
                raise ValueError(text)
            if step.group("sign"):
                amount = int(step.group("amount"))
                when = _add(when, -amount if step.group("sign") == "-" else amount, unit)
            else:
                when = when.replace(**_ROUNDING[unit])
            position = step.end()
        if position != len(math):
            raise ValueError(text)
        return when
    except (ValueError, OverflowError) as error:
        raise InvalidSearchQuery(f"Cannot read the date {text!r}") from error


def _value(field: str, text: str) -> str:
    if field == "theme":
        return text.upper()
    if field == "private":
        if text not in ("public", "private"):
            raise InvalidSearchQuery("capacity is either public or private")
        return "True" if text == "private" else "False"
    return text


def _field_filter(node: Term | Phrase, negate: bool) -> list[Filter]:
    """One `field:value` clause of fq as a filter (none for fields that mean nothing here)."""
    if node.field is None:
        raise InvalidSearchQuery("fq takes field:value clauses only")
    if node.field in ANY_VALUE_FIELDS:
        return []
    if node.field in IGNORED_FIELDS:
        if (node.text == IGNORED_FIELDS[node.field]) == negate:
            raise InvalidSearchQuery(
                f"Agora searches datasets only: {node.field} is always {IGNORED_FIELDS[node.field]}"
            )
        return []
    if node.field not in CKAN_FIELDS:
        raise InvalidSearchQuery(f"Cannot filter on {node.field}")
    if isinstance(node, Term) and node.prefix:
        raise InvalidSearchQuery("Wildcards are not supported in fq")
    field = CKAN_FIELDS[node.field]
    return [Filter(field, (_value(field, node.text),), negate)]


def _leaf_filters(node: TextNode, negate: bool) -> list[Filter]:
    if isinstance(node, Term | Phrase):
        return _field_filter(node, negate)
    if isinstance(node, Not):
        return _leaf_filters(node.item, not negate)
    if isinstance(node, And):
        return [f for item in node.items for f in _leaf_filters(item, negate)]
    if isinstance(node, Or):
        parts = [f for item in node.items for f in _leaf_filters(item, negate)]
        fields = {(f.field, f.negate) for f in parts}
        if len(fields) != 1 or negate:
            raise InvalidSearchQuery("OR in fq must choose between values of one field")
        field = parts[0].field
        return [Filter(field, tuple(v for f in parts for v in f.values))]
    if isinstance(node, MatchAll):
        return []
    raise InvalidSearchQuery("Unsupported fq clause")


def _take_ranges(text: str) -> tuple[str, list[RangeFilter]]:
    """Date ranges (`metadata_modified:[X TO Y]`) out of q or fq, as filters; each leaves a
    placeholder word behind, so that `_without_ranges` can check where it stood."""
    ranges: list[RangeFilter] = []

    def take_range(match: re.Match[str]) -> str:
        field = match.group("field").lstrip("+")
        if field not in ("metadata_modified", "metadata_created"):
            raise InvalidSearchQuery(
                "Ranges are supported on metadata_modified only (and metadata_created), "
                f"not {field}"
            )
        if match.group("negated"):
            raise InvalidSearchQuery(
                "Excluding a date range is not supported: ask for the dates to keep instead, "
                f"such as {field}:[* TO 2020-01-01T00:00:00Z]"
            )
        start, end = _when(match.group("start")), _when(match.group("end"))
        if start is not None and match.group("open") == "{":
            start += dt.timedelta(microseconds=1)
        if end is not None and match.group("close") == "}":
            end -= dt.timedelta(microseconds=1)
        ranges.append(RangeFilter(field, start, end))
        return f" {_PLACEHOLDER.format(len(ranges) - 1)} "

    remainder = _RANGE.sub(take_range, text)
    if _RANGE_SYNTAX.search(remainder):
        raise InvalidSearchQuery("Ranges are written field:[start TO end] on the metadata dates")
    return remainder, ranges


def _is_range(node: TextNode) -> bool:
    return (
        isinstance(node, Term)
        and node.field is None
        and _PLACEHOLDER_WORD.match(node.text) is not None
    )


def _without_ranges(node: TextNode) -> TextNode:
    """The tree without the ranges' placeholders. A range is a filter: it can narrow the whole
    query (stand among its AND-ed clauses), never be one side of an OR or sit under NOT."""
    if _is_range(node):
        return MatchAll()
    if isinstance(node, And):
        kept = [_without_ranges(item) for item in node.items if not _is_range(item)]
        kept = [item for item in kept if not isinstance(item, MatchAll)]
        return MatchAll() if not kept else kept[0] if len(kept) == 1 else And(tuple(kept))
    if _has_range(node):
        raise InvalidSearchQuery(
            "A date range can only narrow the whole query (with AND), not be part of OR or NOT"
        )
    return node


def _has_range(node: TextNode) -> bool:
    if isinstance(node, And | Or):
        return any(_has_range(item) for item in node.items)
    if isinstance(node, Not):
        return _has_range(node.item)
    return _is_range(node)


def filters_from_fq(fq: str) -> list[Filter | RangeFilter]:
    remainder, ranges = _take_ranges(fq)
    filters: list[Filter | RangeFilter] = list(ranges)
    filters.extend(_leaf_filters(_without_ranges(parse_query(remainder)), False))
    return filters


def _refuse_unsupported_syntax(q: str) -> None:
    """Lucene features Agora does not implement are refused by name, not half-honoured."""
    for word in _WORDS.findall(q):
        if word.startswith('"'):
            if re.match(r'^"[^"]*"~\d*$', word):
                raise InvalidSearchQuery('Proximity searches ("..."~N) are not supported')
            continue
        value = word.split(":", 1)[1] if re.match(r"^[+-]?[A-Za-z_][\w.-]*:", word) else word
        value = value.strip("()+-!")
        if value in ("*", "*:*", ""):
            continue
        if "?" in value:
            raise InvalidSearchQuery(f"Single-character wildcards (?) are not supported: {word}")
        if "*" in value.rstrip("*") or value.startswith("*"):
            raise InvalidSearchQuery(f"Only wildcards at the end of a word are supported: {word}")
        if re.search(r"~\d*(\.\d+)?$", value):
            raise InvalidSearchQuery(f"Fuzzy searches (~) are not supported: {word}")
        if re.search(r"\^\d*(\.\d+)?$", value):
            raise InvalidSearchQuery(f"Boosts (^) are not supported: {word}")


def _sort(text: str) -> tuple[Sort, ...]:
    sorts = []
    for part in text.split(","):
        words = part.split()
        if not words:
            continue
        field = words[0]
        direction = words[1].lower() if len(words) > 1 else "asc"
        if field not in SORTS or direction not in ("asc", "desc") or len(words) > 2:
            raise InvalidSearchQuery(f"Cannot sort by {part.strip()!r}")
        sorts.append(Sort(field, direction == "desc"))
    return tuple(sorts)


def _text_from_q(q: str) -> tuple[TextNode, list[RangeFilter]]:
    """`q` as our text tree (fields renamed), and the date ranges written in it."""
    remainder, ranges = _take_ranges(q)
    _refuse_unsupported_syntax(remainder)
    text = _without_ranges(parse_query(remainder))
    unknown = fields_in(text) - TEXT_FIELDS - set(CKAN_FIELDS)
    if unknown:
        raise InvalidSearchQuery(f"Unknown fields in q: {', '.join(sorted(unknown))}")
    return _rename_fields(text), ranges


def search_query_from(params: Params) -> tuple[SearchQuery, str, list[str]]:
    """Translate package_search parameters.

    Returns the query, the sort string to echo back, and the facet fields under the names the
    client used (CKAN's "groups" is our "theme", for instance).
    """
    unsupported = sorted(UNSUPPORTED_PARAMS & set(params.data))
    if unsupported:
        raise InvalidSearchQuery(f"Unsupported Solr parameters: {', '.join(unsupported)}")
    text, q_ranges = _text_from_q(params.text("q"))
    filters: list[Filter | RangeFilter] = list(q_ranges)
    for fq in [params.text("fq"), *params.strings("fq_list")]:
        if fq.strip():
            filters.extend(filters_from_fq(fq))
    sort_text = params.text("sort") or DEFAULT_SORT
    rows = params.integer("rows", settings.AGORA_CKAN_ROWS_DEFAULT, minimum=0)
    if rows > settings.AGORA_CKAN_ROWS_MAX:
        rows = settings.AGORA_CKAN_ROWS_MAX
    facets: list[str] = []
    if params.flag("facet", True):
        facets = list(dict.fromkeys(params.json_list("facet.field")))
        unknown_facets = [f for f in facets if f not in CKAN_FIELDS]
        if unknown_facets:
            raise InvalidSearchQuery(f"Cannot facet on {', '.join(unknown_facets)}")
    query = SearchQuery(
        text=text,
        filters=tuple(filters),
        facets=tuple(CKAN_FIELDS[f] for f in facets),
        facet_limit=params.integer("facet.limit", 50, minimum=-1),
        facet_mincount=params.integer("facet.mincount", 1, minimum=0),
        sort=_sort(sort_text),
        offset=params.integer("start", 0, minimum=0),
        limit=rows,
        include_private=params.flag("include_private", False),
        include_drafts=params.flag("include_drafts", False),
    )
    if params.flag("include_deleted", False):
        raise BadRequest("include_deleted is not supported", code="search.include_deleted")
    return query, sort_text, facets


def _renamed(field: str | None) -> str | None:
    if field in Q_TEXT_FIELDS:
        return Q_TEXT_FIELDS[field]
    if field in ("metadata_modified", "metadata_created"):
        raise InvalidSearchQuery(f"{field} takes a range: {field}:[2020-01-01T00:00:00Z TO *]")
    return CKAN_FIELDS.get(field or "", field)


def _rename_fields(node: TextNode) -> TextNode:
    if isinstance(node, Term):
        return Term(node.text, _renamed(node.field), node.prefix)
    if isinstance(node, Phrase):
        return Phrase(node.text, _renamed(node.field))
    if isinstance(node, And):
        return And(tuple(_rename_fields(n) for n in node.items))
    if isinstance(node, Or):
        return Or(tuple(_rename_fields(n) for n in node.items))
    if isinstance(node, Not):
        return Not(_rename_fields(node.item))
    return node
