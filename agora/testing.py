"""Support for the test suite (never imported by production code)."""

from __future__ import annotations

import os
from pathlib import Path

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
