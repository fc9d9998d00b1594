"""wfplatform settings: every deploy-specific value comes from the environment.

Defaults give a working single-machine platform (SQLite, local files, the database as job
broker). DATABASE_URL, REDIS_URL and the S3 variables move it onto PostgreSQL, Redis and S3.
README.md and .env.example list every variable.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

from wfplatform.env import (
    env_bool,
    env_choice,
    env_database,
    env_float,
    env_int,
    env_list,
    env_rate,
    env_redis_url,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
# A local .env is a convenience for development; real environment variables win over it.
load_dotenv(os.environ.get("WFP_ENV_FILE", BASE_DIR / ".env"), override=False)

VAR_DIR = Path(env_str("WFP_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)


def _local_secret_key() -> str:
    """For local (DEBUG) runs only: one random key, generated once and kept under var/."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = _local_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_q",
    "channels",
    "wfplatform",
    "csvconvert",
    "agentrunner",
    "graphs",
    "catalog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "wfplatform.metrics.RequestMetricsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "wfplatform.urls"
WSGI_APPLICATION = "wfplatform.wsgi.application"
ASGI_APPLICATION = "wfplatform.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASES = {"default": env_database("DATABASE_URL", VAR_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, job broker and channel layer when set -----------------------------------
REDIS_URL = env_redis_url("REDIS_URL")

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [REDIS_URL]}}}
else:
    # A database cache, not local memory: worker processes report their liveness through the
    # cache, and the web process must see it.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "wfp_cache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Live streams (WebSocket, Server-Sent Events) ------------------------------------------
# Streams read the database; with REDIS_URL, a worker's message over the channel layer wakes them
# at once, and the poll is only a fallback.
WFP_STREAM_POLL_MS = env_int("WFP_STREAM_POLL_MS", 500, minimum=20)
# A stream ends after this long (clients resume with the last event id), so none is held forever.
WFP_STREAM_MAX_SECONDS = env_int("WFP_STREAM_MAX_SECONDS", 3600, minimum=5)

# --- LLM providers -----------------------------------------------------------------------
# The shared LLM layer (wfplatform.llm) uses the first provider with a key: OpenAI, Anthropic, Groq
# (workflow suggestions prefer Anthropic); with none, features that need a model say so and the rest work.


OPENAI_API_KEY = env_str("OPENAI_API_KEY")
OPENAI_MODEL = env_str("OPENAI_MODEL", "gpt-4o-mini")
OPENAI_TEMPERATURE = env_float("OPENAI_TEMPERATURE", 0.1, minimum=0, maximum=2)  # Anthropic's too
OPENAI_BASE_URL = env_url("OPENAI_BASE_URL")  # an OpenAI-compatible server (Azure, vLLM, a proxy)
ANTHROPIC_API_KEY = env_str("ANTHROPIC_API_KEY")
ANTHROPIC_MODEL = env_str("ANTHROPIC_MODEL", "claude-sonnet-4-5")
ANTHROPIC_BASE_URL = env_url("ANTHROPIC_BASE_URL")
GROQ_API_KEY = env_str("GROQ_API_KEY")
GROQ_MODEL = env_str("GROQ_MODEL", "llama-3.3-70b-versatile")
GROQ_BASE_URL = env_url("GROQ_BASE_URL")  # Groq's OpenAI-compatible API unless set
_LLM_PROVIDERS = ("openai", "anthropic", "groq")
WFP_LLM_PROVIDER = env_choice("WFP_LLM_PROVIDER", _LLM_PROVIDERS)  # which provider when several keys are set
# The same for workflow suggestions; unset, they follow WFP_LLM_PROVIDER, else prefer Anthropic.
WFP_SUGGESTIONS_LLM_PROVIDER = env_choice("WFP_SUGGESTIONS_LLM_PROVIDER", _LLM_PROVIDERS)
WFP_LLM_MAX_RETRIES = env_int("WFP_LLM_MAX_RETRIES", 3, minimum=0)  # on 429, 5xx, connection errors
WFP_LLM_TIMEOUT = env_int("WFP_LLM_TIMEOUT", 120, minimum=1)  # seconds, per request
WFP_LLM_RPM = env_int("WFP_LLM_RPM", 0, minimum=0)  # requests a minute per worker process; 0: no limit
# USD per million tokens, for the cost shown on jobs; by default from a table of known models.
WFP_LLM_PRICE_IN = env_float("WFP_LLM_PRICE_IN", None, minimum=0, maximum=10_000)
WFP_LLM_PRICE_OUT = env_float("WFP_LLM_PRICE_OUT", None, minimum=0, maximum=10_000)
WFP_AGENT_MAX_CYCLES = env_int("WFP_AGENT_MAX_CYCLES", 5, minimum=1)  # csvconvert planner/coder/tester

# agentrunner: an outside orchestrator that takes patches instead of this platform's graphs (POST
# {url}/workflows/{workflow_tag}/patch), the Redis of the seed's agent:jobs / agent:results:{id} protocol,
# and how long a published result stays there.
WFP_AGENT_ORCHESTRATOR_URL = env_url("WFP_AGENT_ORCHESTRATOR_URL") or ""
WFP_AGENT_REDIS_URL = env_redis_url("WFP_AGENT_REDIS_URL") or REDIS_URL
WFP_AGENT_RESULT_TTL = env_int("WFP_AGENT_RESULT_TTL", 86400, minimum=1)

# catalog: Composio's API for `manage.py sync_catalog` (and, later, running catalog tools); without a key the
# shipped offline catalog (manage.py load_catalog) is the catalog.
COMPOSIO_API_KEY = env_str("COMPOSIO_API_KEY")
COMPOSIO_BASE_URL = env_url("COMPOSIO_BASE_URL") or "https://backend.composio.dev/api/v3"
COMPOSIO_TIMEOUT = env_int("COMPOSIO_TIMEOUT", 30, minimum=1)  # seconds per request
COMPOSIO_MAX_ATTEMPTS = env_int("COMPOSIO_MAX_ATTEMPTS", 4, minimum=1)  # tries in all, the first included
COMPOSIO_BACKOFF_BASE = env_float("COMPOSIO_BACKOFF_BASE", 0.5, minimum=0, maximum=60)  # doubling after that
# CrewAI reports telemetry, traces and version checks to its servers unless told not to; it never may here.
for _name, _value in {
    "CREWAI_DISABLE_TELEMETRY": "true",
    "CREWAI_DISABLE_TRACKING": "true",
    "CREWAI_TRACING_ENABLED": "false",
    "CREWAI_DISABLE_VERSION_CHECK": "true",
    "OTEL_SDK_DISABLED": "true",
    "CREWAI_STORAGE_DIR": str(VAR_DIR / "crewai"),
}.items():
    os.environ.setdefault(_name, _value)

# --- Sandbox for generated scripts ---------------------------------------------------------
# LLM-written scripts run in a separate, locked-down process (wfplatform.sandbox) under these
# limits. Keep WFP_SANDBOX_TIMEOUT well below WFP_JOB_TIMEOUT: a job may run several scripts.
WFP_SANDBOX_TIMEOUT = env_int("WFP_SANDBOX_TIMEOUT", 300, minimum=1)
WFP_SANDBOX_CPU_SECONDS = env_int("WFP_SANDBOX_CPU_SECONDS", WFP_SANDBOX_TIMEOUT, minimum=1)
WFP_SANDBOX_MEMORY_MB = env_int("WFP_SANDBOX_MEMORY_MB", 2048, minimum=256)
WFP_SANDBOX_OUTPUT_MB = env_int("WFP_SANDBOX_OUTPUT_MB", 500, minimum=1)

# --- Jobs (django-q2) ---------------------------------------------------------------------
WFP_JOB_TIMEOUT = env_int("WFP_JOB_TIMEOUT", 1800, minimum=10)
# A running job refreshes its heartbeat every third of this; past it the reaper takes over.
WFP_JOB_LEASE_SECONDS = env_int("WFP_JOB_LEASE_SECONDS", 90, minimum=2)
WFP_JOB_MAX_ATTEMPTS = env_int("WFP_JOB_MAX_ATTEMPTS", 3, minimum=1)
WFP_REAPER_INTERVAL_MINUTES = env_int("WFP_REAPER_INTERVAL_MINUTES", 1, minimum=1)

Q_CLUSTER = {
    "name": env_str("WFP_CLUSTER_NAME", "wfplatform"),
    "workers": env_int("WFP_WORKERS", 2, minimum=1),
    # timeout < retry: a task is never handed to a second worker while the first may still run it.
    "timeout": WFP_JOB_TIMEOUT,
    "retry": WFP_JOB_TIMEOUT + 60,
    "max_attempts": WFP_JOB_MAX_ATTEMPTS,
    "ack_failures": True,
    "catch_up": False,
    "save_limit": 500,
    "poll": 0.5,
    "label": "Task queue",
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# --- Storage ------------------------------------------------------------------------------
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"

AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME") or env_str("AWS_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL")
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or env_str("AWS_DEFAULT_REGION")
if AWS_S3_ENDPOINT_URL and not AWS_S3_ENDPOINT_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("AWS_S3_ENDPOINT_URL must be an http:// or https:// URL")

if AWS_STORAGE_BUCKET_NAME:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL,
            "region_name": AWS_S3_REGION_NAME,
            "location": env_str("AWS_LOCATION", ""),
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": MEDIA_URL},
    }

STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- File inputs --------------------------------------------------------------------------
WFP_FILE_MAX_BYTES = env_int("WFP_FILE_MAX_BYTES", 200 * 1024 * 1024, minimum=1)
WFP_FILE_FETCH_TIMEOUT = env_int("WFP_FILE_FETCH_TIMEOUT", 30, minimum=1)
# Off by default: a URL input must not reach this machine, its network or cloud metadata.
WFP_FILE_ALLOW_PRIVATE_URLS = env_bool("WFP_FILE_ALLOW_PRIVATE_URLS", False)
WFP_FILE_ALLOW_HTTP = env_bool("WFP_FILE_ALLOW_HTTP", False)


def _networks(name: str) -> list[str]:
    """CIDR blocks (or single addresses) from a comma-separated variable, normalised."""
    try:
        return [str(ipaddress.ip_network(item, strict=False)) for item in env_list(name, [])]
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must list IP networks such as 10.1.0.0/16: {exc}") from None


# Narrower than WFP_FILE_ALLOW_PRIVATE_URLS: URL inputs may reach these networks (an internal file
# server, say) while every other non-public address, cloud metadata included, stays refused.
WFP_FILE_ALLOWED_NETWORKS = _networks("WFP_FILE_ALLOWED_NETWORKS")

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("WFP_REQUEST_MAX_BYTES", 50 * 1024 * 1024, minimum=1024)
WFP_WEBHOOK_MAX_BYTES = env_int("WFP_WEBHOOK_MAX_BYTES", 1024 * 1024, minimum=1024)  # a webhook call's body

# --- Auth ---------------------------------------------------------------------------------
WFP_SERVICE_API_KEY = env_str("WFP_SERVICE_API_KEY")
WFP_SERVICE_USERNAME = env_str("WFP_SERVICE_USERNAME", "service")
WFP_METRICS_TOKEN = env_str("WFP_METRICS_TOKEN")
WFP_HEALTH_REQUIRE_WORKERS = env_bool("WFP_HEALTH_REQUIRE_WORKERS", True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/admin/login/"

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("WFP_BEHIND_TLS_PROXY", False) else None

# --- REST framework -----------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "wfplatform.auth.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "wfplatform.api.pagination.PageNumberPagination",
    "PAGE_SIZE": env_int("WFP_PAGE_SIZE", 50, minimum=1),
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("WFP_THROTTLE_ANON", "60/min"),
        "user": env_rate("WFP_THROTTLE_USER", "1200/min"),
        "webhook": env_rate("WFP_THROTTLE_WEBHOOK", "120/min"),  # calls per webhook (its token), any sender
    },
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "wfplatform.errors.api_exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "wfplatform API",
    "DESCRIPTION": (
        "AI-assisted data work and workflow automation: csvconvert, graphs, agentrunner, catalog. "
        "Authenticate with the X-API-KEY header (create a key with `python manage.py create_api_key USERNAME`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": True},
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- i18n and logging ---------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(f"LOG_LEVEL={LOG_LEVEL!r} is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    # Hook URLs carry their secret token: it is blanked in every line (Django logs 4xx paths, for one).
    "filters": {"url_secrets": {"()": "wfplatform.logfilters.URLSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["url_secrets"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own default handlers (a console one while DEBUG, mail_admins) would print unfiltered lines:
        # its records go to the root's filtered console instead.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        # httpx logs every request's full URL at INFO, query string (signatures, tokens) included.
        "httpx": {"level": "WARNING"},
    },
}
