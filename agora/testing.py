"""Support for the test suite (never imported by production code)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_data_path() -> Path:
    """The project's shared test data: real public files, never copied into the repo.

    AGORA_SHARED_DATA names it explicitly (and must then be right); otherwise it is looked
    for beside the checkout (../shared/data, or further up) and at /work/shared/data. Tests
    that need it fail loudly when it is missing: they never skip.
    """
    explicit = os.environ.get("AGORA_SHARED_DATA")
    candidates = (
        [Path(explicit)]
        if explicit
        else [*(p / "shared" / "data" for p in REPO.parents), Path("/work/shared/data")]
    )
    for candidate in candidates:
        if (candidate / "PROVENANCE.md").is_file():
            return candidate
    pytest.fail(
        f"The shared test data is missing (looked in {', '.join(map(str, candidates))}): "
        "set AGORA_SHARED_DATA to the folder that holds PROVENANCE.md, ckan-api/, schemas/ ..."
    )


def serious_accessibility_violations(page: Any) -> list[str]:
    """Run axe-core (shipped inside the axe-playwright-python package) on a Playwright page;
    the serious and critical violations, one line each (WCAG 2.1 AA: none may remain)."""
    from axe_playwright_python import sync_playwright as axe_module

    page.add_script_tag(path=str(Path(axe_module.__file__).with_name("axe.min.js")))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
