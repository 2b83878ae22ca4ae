"""Every Agora setting, read from the environment in one place.

Settings that belong to Agora are named AGORA_<APP>_<NAME> and are documented in
docs/settings.md; agora/core/tests/test_settings_documented.py fails when one is not.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .environment import (
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
    secret_key_from_file,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
AGORA_VAR_DIR = Path(env_str("AGORA_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("AGORA_DEBUG", False)
SECRET_KEY = env_str("AGORA_SECRET_KEY", "") or secret_key_from_file(AGORA_VAR_DIR / "secret_key")
ALLOWED_HOSTS = env_list("AGORA_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("AGORA_CSRF_TRUSTED_ORIGINS", "")

# The public base URL of this portal, used in links that leave the request (CKAN `help`,
# `site_url`, DCAT URIs, feeds).
AGORA_SITE_URL = env_str("AGORA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
AGORA_SITE_TITLE = env_str("AGORA_SITE_TITLE", "Agora")
AGORA_SITE_DESCRIPTION = env_str(
    "AGORA_SITE_DESCRIPTION", "Open government data from Member States and their agencies."
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "agora.core",
    "agora.accounts",
    "agora.catalog",
    "agora.search",
    "agora.benchmarks",
    "agora.datastore",
    "agora.harvest",
    "agora.api",
    "agora.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "agora.web.middleware.CompressPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sets request.htmx so that pages can answer htmx requests with just the part that changed.
    "django_htmx.middleware.HtmxMiddleware",
    # Turns domain errors raised by portal pages into the portal's 404/403/400 pages.
    "agora.web.middleware.WebErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Lets the native API accept file uploads on PUT (Django parses files on POST only).
    "ninja.compatibility.files.fix_request_files_middleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "agora.web.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", f"sqlite:///{AGORA_VAR_DIR / 'agora.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The six official UN languages. Arabic is right-to-left.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "agora" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = AGORA_VAR_DIR / "static"
MEDIA_ROOT = AGORA_VAR_DIR / "files"

# Files: content-addressed blobs in a local folder by default; S3-compatible object storage in
# multi-node deployments (see docs/operations.md).
AGORA_STORAGE_BACKEND = env_str(
    "AGORA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
)
STORAGES = {
    "default": {"BACKEND": AGORA_STORAGE_BACKEND, "OPTIONS": {}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
if AGORA_STORAGE_BACKEND.endswith("FileSystemStorage"):
    STORAGES["default"]["OPTIONS"] = {"location": str(MEDIA_ROOT)}
elif AGORA_STORAGE_BACKEND.startswith("storages.backends.s3"):
    # S3-compatible object storage (AWS, MinIO, Ceph, ...). Blobs are immutable and named by
    # their SHA-256, so nothing is ever overwritten and downloads go through Agora (private
    # datasets' files are never public objects).
    STORAGES["default"]["OPTIONS"] = {
        "bucket_name": env_str("AGORA_STORAGE_S3_BUCKET", "agora"),
        "endpoint_url": env_str("AGORA_STORAGE_S3_ENDPOINT_URL", "") or None,
        "access_key": env_str("AGORA_STORAGE_S3_ACCESS_KEY_ID", "") or None,
        "secret_key": env_str("AGORA_STORAGE_S3_SECRET_ACCESS_KEY", "") or None,
        "region_name": env_str("AGORA_STORAGE_S3_REGION", "") or None,
        "location": env_str("AGORA_STORAGE_S3_PREFIX", ""),
        "file_overwrite": False,
        "default_acl": None,
    }
# Per-node cache of blobs fetched from object storage (and of derived query databases), named by
# SHA-256; least recently used files are evicted beyond the size limit.
AGORA_STORAGE_CACHE_DIR = Path(env_str("AGORA_STORAGE_CACHE_DIR", str(AGORA_VAR_DIR / "cache")))
AGORA_STORAGE_CACHE_MAX_BYTES = env_int("AGORA_STORAGE_CACHE_MAX_BYTES", 20 * 1024**3)

# Safe outbound HTTP (agora/core/http.py): links fetched for versions, harvests, link checks.
AGORA_HTTP_TIMEOUT_SECONDS = env_int("AGORA_HTTP_TIMEOUT_SECONDS", 20)
AGORA_HTTP_MAX_BYTES = env_int("AGORA_HTTP_MAX_BYTES", 512 * 1024 * 1024)
AGORA_HTTP_MAX_REDIRECTS = env_int("AGORA_HTTP_MAX_REDIRECTS", 5)
AGORA_HTTP_USER_AGENT = env_str("AGORA_HTTP_USER_AGENT", "Agora/0.1 (open government data portal)")
# Networks (CIDRs) exempt from the SSRF guard. Empty in production; tests allow 127.0.0.1/32.
AGORA_HTTP_ALLOWED_NETWORKS = env_list("AGORA_HTTP_ALLOWED_NETWORKS", "")

# Harvesting (agora/harvest, docs/harvesting.md).
AGORA_HARVEST_ALLOW_PRIVATE_SOURCES = env_bool("AGORA_HARVEST_ALLOW_PRIVATE_SOURCES", False)
AGORA_HARVEST_TIMEOUT_SECONDS = env_int("AGORA_HARVEST_TIMEOUT_SECONDS", 30)
AGORA_HARVEST_MAX_BYTES = env_int("AGORA_HARVEST_MAX_BYTES", 1024 * 1024 * 1024)
AGORA_HARVEST_LENIENT_MAX_BYTES = env_int("AGORA_HARVEST_LENIENT_MAX_BYTES", 32 * 1024 * 1024)
AGORA_HARVEST_RETRIES = env_int("AGORA_HARVEST_RETRIES", 3)
AGORA_HARVEST_BACKOFF_SECONDS = float(env_str("AGORA_HARVEST_BACKOFF_SECONDS", "2"))
AGORA_HARVEST_MAX_ITEMS = env_int("AGORA_HARVEST_MAX_ITEMS", 1_000_000)
AGORA_HARVEST_PAGE_SIZE = env_int("AGORA_HARVEST_PAGE_SIZE", 1000)
AGORA_HARVEST_BATCH_SIZE = env_int("AGORA_HARVEST_BATCH_SIZE", 500)
AGORA_HARVEST_MAX_VANISH_SHARE = float(env_str("AGORA_HARVEST_MAX_VANISH_SHARE", "0.2"))
AGORA_HARVEST_WITHDRAW_AFTER_RUNS = env_int("AGORA_HARVEST_WITHDRAW_AFTER_RUNS", 2)
AGORA_HARVEST_STUCK_AFTER_SECONDS = env_int("AGORA_HARVEST_STUCK_AFTER_SECONDS", 900)
AGORA_HARVEST_JOB_MAX_SECONDS = env_int("AGORA_HARVEST_JOB_MAX_SECONDS", 6 * 3600)
AGORA_HARVEST_MAX_DISTRIBUTIONS = env_int("AGORA_HARVEST_MAX_DISTRIBUTIONS", 1000)
AGORA_HARVEST_MAX_KEYWORDS = env_int("AGORA_HARVEST_MAX_KEYWORDS", 1000)
AGORA_HARVEST_RAW_MAX_BYTES = env_int("AGORA_HARVEST_RAW_MAX_BYTES", 256 * 1024)

# Background work: django-tasks with its database backend (a worker process claims tasks).
TASKS = {"default": {"BACKEND": env_str("AGORA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Request limits. A JSON body larger than this is refused with 413 before it is parsed.
AGORA_API_MAX_BODY_BYTES = env_int("AGORA_API_MAX_BODY_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = AGORA_API_MAX_BODY_BYTES
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# Uploaded files larger than this are refused with 413; the limit is stated in the API docs and
# in the upload form.
AGORA_CATALOG_UPLOAD_MAX_BYTES = env_int("AGORA_CATALOG_UPLOAD_MAX_BYTES", 512 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = None

# CKAN-compatible API.
AGORA_CKAN_ROWS_DEFAULT = env_int("AGORA_CKAN_ROWS_DEFAULT", 10)
AGORA_CKAN_ROWS_MAX = env_int("AGORA_CKAN_ROWS_MAX", 1000)
AGORA_CKAN_LIST_LIMIT_MAX = env_int("AGORA_CKAN_LIST_LIMIT_MAX", 1000)
AGORA_CKAN_ORG_ALL_FIELDS_MAX = env_int("AGORA_CKAN_ORG_ALL_FIELDS_MAX", 25)

# Who may create organizations: sysadmins always; signed-in users only when this is on.
AGORA_ACCOUNTS_USERS_CREATE_ORGANIZATIONS = env_bool(
    "AGORA_ACCOUNTS_USERS_CREATE_ORGANIZATIONS", False
)
# Days an API token lives when its owner gives no expiry (0 = no expiry).
AGORA_ACCOUNTS_TOKEN_DEFAULT_DAYS = env_int("AGORA_ACCOUNTS_TOKEN_DEFAULT_DAYS", 0)

# Rendered datasets kept per app-server process (CKAN dicts, ...), keyed by their version.
AGORA_RENDER_CACHE_SIZE = env_int("AGORA_RENDER_CACHE_SIZE", 5000)

# Search engine behind every search (CKAN package_search, native API, web page): "tantivy"
# (embedded, an index on local disk kept in step by the worker) or "postgres" (a table in the
# PostgreSQL database, shared by every node). See docs/search.md.
AGORA_SEARCH_BACKEND = env_str("AGORA_SEARCH_BACKEND", "tantivy")
AGORA_SEARCH_INDEX_DIR = Path(env_str("AGORA_SEARCH_INDEX_DIR", str(AGORA_VAR_DIR / "search")))
AGORA_SEARCH_WRITER_MEMORY_MB = env_int("AGORA_SEARCH_WRITER_MEMORY_MB", 256)
AGORA_SEARCH_WRITER_THREADS = env_int("AGORA_SEARCH_WRITER_THREADS", 2)
AGORA_SEARCH_WRITER_WAIT_SECONDS = env_int("AGORA_SEARCH_WRITER_WAIT_SECONDS", 30)
AGORA_SEARCH_BATCH_SIZE = env_int("AGORA_SEARCH_BATCH_SIZE", 2000)
AGORA_SEARCH_BUILD_PROCESSES = env_int("AGORA_SEARCH_BUILD_PROCESSES", 1)
AGORA_SEARCH_COMMIT_DOCS = env_int("AGORA_SEARCH_COMMIT_DOCS", 20000)
AGORA_SEARCH_COMMIT_SECONDS = env_int("AGORA_SEARCH_COMMIT_SECONDS", 2)
AGORA_SEARCH_FACET_SEGMENT_SIZE = env_int("AGORA_SEARCH_FACET_SEGMENT_SIZE", 10000)

# Web portal: the tabular preview reads at most this many bytes and shows this many rows of an
# uploaded CSV/TSV; page views of datasets are counted (no personal data) unless switched off.
AGORA_WEB_PREVIEW_MAX_BYTES = env_int("AGORA_WEB_PREVIEW_MAX_BYTES", 256 * 1024)
AGORA_WEB_PREVIEW_ROWS = env_int("AGORA_WEB_PREVIEW_ROWS", 20)
AGORA_WEB_SEARCH_PAGE_SIZE = env_int("AGORA_WEB_SEARCH_PAGE_SIZE", 20)
AGORA_WEB_COUNT_VIEWS = env_bool("AGORA_WEB_COUNT_VIEWS", True)

# Tabular data (agora/datastore): ingest, the query APIs and the SQL sandbox.
AGORA_DATASTORE_BACKEND = env_str(
    "AGORA_DATASTORE_BACKEND", "agora.datastore.backends.duckdb.DuckDBBackend"
)
AGORA_DATASTORE_VALIDATE_ROWS = env_int("AGORA_DATASTORE_VALIDATE_ROWS", 10_000)
AGORA_DATASTORE_REPORT_MAX_ERRORS = env_int("AGORA_DATASTORE_REPORT_MAX_ERRORS", 1000)
AGORA_DATASTORE_ROWS_DEFAULT = env_int("AGORA_DATASTORE_ROWS_DEFAULT", 100)
AGORA_DATASTORE_ROWS_MAX = env_int("AGORA_DATASTORE_ROWS_MAX", 32_000)
AGORA_DATASTORE_SQL_TIMEOUT_SECONDS = env_int("AGORA_DATASTORE_SQL_TIMEOUT_SECONDS", 10)
AGORA_DATASTORE_SQL_MEMORY_LIMIT = env_str("AGORA_DATASTORE_SQL_MEMORY_LIMIT", "512MB")
AGORA_DATASTORE_SQL_MAX_LENGTH = env_int("AGORA_DATASTORE_SQL_MAX_LENGTH", 20_000)
AGORA_DATASTORE_QUERY_THREADS = env_int("AGORA_DATASTORE_QUERY_THREADS", 2)
AGORA_DATASTORE_INGEST_MEMORY_LIMIT = env_str("AGORA_DATASTORE_INGEST_MEMORY_LIMIT", "2GB")
AGORA_DATASTORE_FETCH_INTERVAL_HOURS = env_int("AGORA_DATASTORE_FETCH_INTERVAL_HOURS", 24)
AGORA_DATASTORE_STALE_INGEST_MINUTES = env_int("AGORA_DATASTORE_STALE_INGEST_MINUTES", 60)

# Exports in the field's standards (agora/api/exports: DCAT-AP, data.json, feeds, sitemap).
AGORA_INTEROP_PAGE_SIZE = env_int("AGORA_INTEROP_PAGE_SIZE", 100)
AGORA_INTEROP_PAGE_SIZE_MAX = env_int("AGORA_INTEROP_PAGE_SIZE_MAX", 1000)
AGORA_INTEROP_CONTACT_EMAIL = env_str("AGORA_INTEROP_CONTACT_EMAIL", "")
AGORA_INTEROP_CATALOGUE_LICENCE = env_str("AGORA_INTEROP_CATALOGUE_LICENCE", "")
AGORA_INTEROP_FEED_SIZE = env_int("AGORA_INTEROP_FEED_SIZE", 50)
AGORA_INTEROP_SITEMAP_SIZE = env_int("AGORA_INTEROP_SITEMAP_SIZE", 50000)

# Benchmarks (docs/benchmarks.md): the link checker behind the "working links" indicator, the
# window in which a publisher counts as active, the organization that publishes benchmark
# results in the catalogue, and extra folders of framework definitions (a deployment's own
# editions or frameworks, beside those shipped in agora/benchmarks/frameworks/).
AGORA_BENCHMARKS_LINK_CHECKER = env_str("AGORA_BENCHMARKS_LINK_CHECKER", "uploads")
AGORA_BENCHMARKS_LINK_CHECK_LIMIT = env_int("AGORA_BENCHMARKS_LINK_CHECK_LIMIT", 2000)
AGORA_BENCHMARKS_ACTIVE_PUBLISHER_DAYS = env_int("AGORA_BENCHMARKS_ACTIVE_PUBLISHER_DAYS", 365)
AGORA_BENCHMARKS_PUBLISHER = env_str("AGORA_BENCHMARKS_PUBLISHER", "un-desa-dpidg")
AGORA_BENCHMARKS_FRAMEWORK_DIRS = env_list("AGORA_BENCHMARKS_FRAMEWORK_DIRS", "")

# App server (`agora serve`).
AGORA_SERVE_BIND = env_str("AGORA_SERVE_BIND", "127.0.0.1:8000")
AGORA_SERVE_WORKERS = env_int("AGORA_SERVE_WORKERS", 2)

EMAIL_BACKEND = env_str("AGORA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("AGORA_DEFAULT_FROM_EMAIL", "agora@localhost")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
# A form without a valid CSRF token gets the portal's 403 page in the reader's language.
CSRF_FAILURE_VIEW = "agora.web.workspace.views.csrf.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("AGORA_LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

FILE_UPLOAD_HANDLERS = [
    "agora.api.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
