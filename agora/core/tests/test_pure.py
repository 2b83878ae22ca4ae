"""Pure helpers of the shared kernel: languages, names, hashing, media types."""

from __future__ import annotations

import hashlib
import io

from hypothesis import given
from hypothesis import strategies as st

from agora.core.files import sniff_media_type
from agora.core.hashing import canonical_json, sha256_file, sha256_json
from agora.core.i18n import clean_localized, is_rtl, normalise_language, pick
from agora.core.slugs import name_errors, slugify


def test_language_tags_reduce_to_their_primary_subtag():
    assert normalise_language("zh-Hans") == "zh"
    assert normalise_language("EN_gb") == "en"
    assert normalise_language("not a tag") is None


def test_pick_prefers_the_asked_language_then_falls_back_in_order():
    texts = {"fr": "Eau", "ar": "ماء"}
    assert pick(texts, "ar") == ("ماء", "ar")
    assert pick(texts, "ru") == ("Eau", "fr")
    assert pick({}, "en") == ("", None)
    assert pick({"de": "Wasser"}, "en") == ("Wasser", "de")


def test_clean_localized_reports_bad_keys_and_drops_blanks():
    cleaned, errors = clean_localized({"en": " Water ", "xx yy": "?", "fr": ""}, max_length=50)
    assert cleaned == {"en": "Water"}
    assert errors == ["'xx yy' is not a language code."]
    assert clean_localized("plain", max_length=10)[1]


def test_rtl_languages():
    assert is_rtl("ar")
    assert not is_rtl("fr")


@given(st.text(min_size=1, max_size=200))
def test_slugify_always_gives_a_valid_name(title):
    assert name_errors(slugify(title)) == []


def test_names_follow_ckan_rules():
    assert name_errors("ok-name_1") == []
    assert name_errors("A") != []
    assert name_errors("x" * 101) != []
    assert name_errors("spaces here") != []


def test_canonical_json_ignores_key_order_and_keeps_unicode():
    assert canonical_json({"b": 1, "a": "é"}) == '{"a":"é","b":1}'.encode()
    assert sha256_json({"a": 1, "b": 2}) == sha256_json({"b": 2, "a": 1})


def test_sha256_file_streams():
    data = b"x" * 3_000_000
    assert sha256_file(io.BytesIO(data)) == (hashlib.sha256(data).hexdigest(), len(data))


def test_media_type_comes_from_content_not_name():
    assert sniff_media_type(b"%PDF-1.7 ...", "table.csv") == "application/pdf"
    assert sniff_media_type(b"PK\x03\x04rest", "book.xlsx").endswith("spreadsheetml.sheet")
    assert sniff_media_type(b"a;b\n1;2\n", "table.csv") == "text/csv"
    assert sniff_media_type(b'{"a": 1}', "data") == "application/json"
    assert sniff_media_type("é;à\n".encode("latin-1"), "x.csv") == "text/csv"
    assert sniff_media_type(b"\x00\x01\x02binary", "x.csv") == "application/octet-stream"
