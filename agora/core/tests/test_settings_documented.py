"""Every environment variable the settings read is documented in docs/settings.md."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_setting_is_documented():
    sources = "".join(p.read_text() for p in (ROOT / "config" / "settings").glob("*.py"))
    read = set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', sources))
    read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', sources))
    documented = set(re.findall(r"`([A-Z_]+)`", (ROOT / "docs" / "settings.md").read_text()))
    assert read, "no settings found: the pattern no longer matches config/settings"
    assert sorted(read - documented) == []
