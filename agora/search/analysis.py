"""How text becomes terms, per language: one set of analyzers for indexing, querying and
highlighting.

The analyzers are tantivy's (snowball stemmers, written in Rust), built here once and
registered under our own names in every process that opens an index (tantivy does not store
custom analyzers in the index). The PostgreSQL backend uses the same analyzers to highlight
matches and to split Chinese, so both engines agree on what a word is.

- en, fr, es, ru, ar: words, lower-cased, accents folded, then stemmed ("données" and
  "donnees" both become "donne"; "данных" and "данные" both "дан");
- zh: every Han character is a token and other letters or digits run together; a word is
  found as a phrase of its characters, so "人口" finds "2020年人口普查" (no dictionary needed);
- other languages and keywords: words, lower-cased, accents folded, not stemmed ("plain").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tantivy import Filter, TextAnalyzer, TextAnalyzerBuilder, Tokenizer

from .documents import LOCALIZED_LANGUAGES, OTHER_LANGUAGE

STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
HAN_OR_WORD = r"\p{Han}|[\p{L}\p{N}--\p{Han}]+"
MAX_TOKEN = 40
PLAIN = "agora_plain"


def analyzer_name(language: str) -> str:
    return PLAIN if language == OTHER_LANGUAGE else f"agora_{language}"


def _build(language: str) -> TextAnalyzer:
    tokenizer = Tokenizer.regex(HAN_OR_WORD) if language == "zh" else Tokenizer.simple()
    builder = (
        TextAnalyzerBuilder(tokenizer)
        .filter(Filter.remove_long(MAX_TOKEN))
        .filter(Filter.lowercase())
        .filter(Filter.ascii_fold())
    )
    if language in STEMMERS:
        builder = builder.filter(Filter.stemmer(STEMMERS[language]))
    return builder.build()


@cache
def analyzer(language: str) -> TextAnalyzer:
    """The analyzer of a language ("other" for the plain one)."""
    return _build(language if language in LOCALIZED_LANGUAGES else OTHER_LANGUAGE)


def all_analyzers() -> dict[str, TextAnalyzer]:
    """Every analyzer by its registered name (what an index must know before use)."""
    return {analyzer_name(lang): analyzer(lang) for lang in (*LOCALIZED_LANGUAGES, OTHER_LANGUAGE)}


def language_of(code: str) -> str:
    """The analysis language for a metadata language code ("de" is analysed plainly)."""
    return code if code in LOCALIZED_LANGUAGES else OTHER_LANGUAGE


def terms(text: str, language: str) -> list[str]:
    return list(analyzer(language).analyze(text))


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokens(text: str, language: str) -> list[Token]:
    """Terms with their character offsets in `text` (for highlighting)."""
    found = analyzer(language).pre_tokenize(text)
    return [Token(t.text, t.char_offset_from, t.char_offset_to) for t in found.tokens]


def has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)
