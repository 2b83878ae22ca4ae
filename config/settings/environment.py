"""Small, explicit readers for environment variables (12-factor settings).

Kept here rather than pulling in a settings framework: four functions cover every case we have,
and each setting stays greppable in base.py.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in TRUE_WORDS


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return default if raw in (None, "") else int(raw)


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_key_from_file(path: Path) -> str:
    """Return the development secret key stored at `path`, creating it once.

    Development and demo installs must not share a key committed to the repository, and must
    keep sessions valid across restarts: so the key is generated on first use and kept under
    var/ (which is never committed). Production reads AGORA_SECRET_KEY instead.
    """
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def database_from_url(url: str) -> dict:
    """Translate DATABASE_URL into Django's DATABASES entry, with our engine tuning.

    SQLite runs in WAL mode with IMMEDIATE transactions: readers never block the writer, and
    two writers (web + worker) queue on the lock instead of failing half-way with
    "database is locked" (measured in shared/research/engine-measurements.md, Q3).
    Connections are kept for a minute on both engines: opening one (and, on SQLite, running
    its PRAGMAs) cost 1.4 ms of a 10 ms package_show (bench/api.py profile).
    """
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config
