"""Test settings: fast hashing, tasks run immediately, files in a throwaway folder.

The database comes from DATABASE_URL like everywhere else, so `make test` runs the same suite
on SQLite and on PostgreSQL.
"""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="agora-test-files-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="agora-test-static-"))
STORAGES = {
    **STORAGES,
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# Search: small tantivy writers (each test writes a few documents); every test gets its own
# index folder (agora/conftest.py), because an index lives outside the database rollback.
AGORA_SEARCH_WRITER_MEMORY_MB = 20
AGORA_SEARCH_WRITER_THREADS = 1
AGORA_SEARCH_WRITER_WAIT_SECONDS = 10
AGORA_SEARCH_BUILD_PROCESSES = 0  # a forked reader could not see the test's transaction
# Node-local caches in throwaway folders too, so that two test runs (SQLite and PostgreSQL, run
# side by side by `make test`) never share a file.
AGORA_STORAGE_CACHE_DIR = Path(tempfile.mkdtemp(prefix="agora-test-cache-"))
AGORA_SEARCH_INDEX_DIR = Path(tempfile.mkdtemp(prefix="agora-test-search-"))
