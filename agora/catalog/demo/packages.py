"""Find and read the open data that installed PyPI packages ship, without importing them.

The demo must work offline, so every file comes from a package on disk. The packages are
located with `importlib.util.find_spec` instead of being imported: importing vega_datasets or
country_converter pulls in pandas (and country_converter's own code breaks with pandas 3),
while all we need is a CSV, TSV or JSON file beside their code.
"""

from __future__ import annotations

import csv
import gzip
import importlib.metadata
import importlib.util
import io
import json
from pathlib import Path
from typing import Any


class SourceUnavailable(Exception):
    """A package the demo reads from is not installed (the optional "demo" extra is missing)."""


def package_dir(package: str) -> Path:
    """The folder of an installed package, found without running its __init__."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SourceUnavailable(f'{package} is not installed (pip install "agora[demo]")')
    return Path(next(iter(spec.submodule_search_locations)))


def package_file(package: str, relative: str) -> Path:
    path = package_dir(package) / relative
    if not path.is_file():
        raise SourceUnavailable(f"{package} has no {relative} (an unexpected version?)")
    return path


def package_version(distribution: str) -> str:
    """The installed version, recorded on each dataset so a reader knows which release it is."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""


def read_bytes(package: str, relative: str) -> bytes:
    """The file's bytes; gzip files are decompressed (portals serve the plain file)."""
    data = package_file(package, relative).read_bytes()
    return gzip.decompress(data) if relative.endswith(".gz") else data


def read_text(package: str, relative: str) -> str:
    return read_bytes(package, relative).decode("utf-8")


def read_json(package: str, relative: str) -> Any:
    return json.loads(read_bytes(package, relative))


def read_rows(package: str, relative: str, *, delimiter: str = ",") -> list[dict[str, str]]:
    """Rows as strings, exactly as written in the source: numbers are never re-formatted."""
    text = read_text(package, relative)
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
