"""CKAN-compatible names ("slugs") for datasets and organizations.

CKAN's rule, which clients such as ckanapi rely on: 2 to 100 characters, lowercase ASCII
letters, digits, "-" and "_".
"""

from __future__ import annotations

import re
import unicodedata
import uuid

NAME_MIN = 2
NAME_MAX = 100
NAME_PATTERN = re.compile(r"^[a-z0-9_-]+$")


def name_errors(name: object) -> list[str]:
    if not isinstance(name, str) or not name:
        return ["Missing value"]
    errors = []
    if len(name) < NAME_MIN:
        errors.append(f"Must be at least {NAME_MIN} characters long")
    if len(name) > NAME_MAX:
        errors.append(f"Name must be a maximum of {NAME_MAX} characters long")
    if not NAME_PATTERN.match(name):
        errors.append(
            "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_"
        )
    return errors


def slugify(text: str, *, max_length: int = 80) -> str:
    """Turn a title into a valid name; non-Latin titles get a short unique name instead."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_length].strip("-")
    if len(slug) < NAME_MIN:
        slug = f"dataset-{uuid.uuid4().hex[:10]}"
    return slug
