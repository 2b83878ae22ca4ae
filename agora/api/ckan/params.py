"""Reading action parameters the way CKAN does (query string, form or JSON body)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from agora.core.errors import BadRequest, ValidationFailed

# The largest integer parameter accepted: offsets and limits beyond it mean nothing, and
# databases refuse them (SQLite and PostgreSQL OFFSET/LIMIT are 64-bit at most).
INTEGER_MAX = 2**31 - 1


# Parameters of the call itself, never fields of the object an action writes.
CALL_KEYS = frozenset({"lang"})


@dataclass(frozen=True)
class Params:
    data: Mapping[str, Any]
    files: Mapping[str, Any] = field(default_factory=dict)

    def fields(self) -> dict[str, Any]:
        """The data without the call's own parameters: the object a write action sends."""
        return {k: v for k, v in self.data.items() if k not in CALL_KEYS}

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def text(self, key: str, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, list | dict):
            raise BadRequest(f"Parameter {key} must be a single value", code="request.param")
        return str(value)

    def required(self, key: str) -> str:
        value = self.text(key).strip()
        if not value:
            raise ValidationFailed(fields={key: ["Missing value"]})
        return value

    def integer(self, key: str, default: int, *, minimum: int | None = None) -> int:
        raw = self.data.get(key)
        if raw in (None, ""):
            return default
        try:
            value = int(str(raw))
        except ValueError as error:
            raise ValidationFailed(fields={key: ["Invalid integer"]}) from error
        if minimum is not None and value < minimum:
            raise ValidationFailed(fields={key: [f"Must be at least {minimum}"]})
        if value > INTEGER_MAX:
            raise ValidationFailed(fields={key: [f"Must be at most {INTEGER_MAX}"]})
        return value

    def flag(self, key: str, default: bool) -> bool:
        raw = self.data.get(key)
        if raw in (None, ""):
            return default
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("true", "1", "yes", "on"):
            return True
        if text in ("false", "0", "no", "off"):
            return False
        raise ValidationFailed(fields={key: ["Must be true or false"]})

    def strings(self, key: str) -> list[str]:
        raw = self.data.get(key)
        if raw in (None, ""):
            return []
        if isinstance(raw, list):
            return [str(v) for v in raw]
        return [str(raw)]

    def json_list(self, key: str) -> list[str]:
        """A list given as JSON (`facet.field=["tags"]`), a real list, or one bare value."""
        raw = self.data.get(key)
        if raw in (None, ""):
            return []
        if isinstance(raw, list):
            return [str(v) for v in raw]
        text = str(raw).strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
            except (ValueError, RecursionError) as error:
                raise BadRequest(f"{key} is not valid JSON", code="request.param") from error
            if not isinstance(parsed, list):
                raise BadRequest(f"{key} must be a list", code="request.param")
            return [str(v) for v in parsed]
        return [text]
