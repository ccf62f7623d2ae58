"""Settings for dealwatch, read from the environment.

The defaults are the safe ones: debug is off, and with debug off a missing
secret key is an error rather than a silent default. A malformed value raises
ImproperlyConfigured at start-up instead of being guessed at.
"""

import datetime
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    # Only ever used with debug on, on a developer's machine.
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_countries",
    "django_filters",
    "axes",
    "simple_history",
    "import_export",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "articles",
]
# The benchmark and its synthetic archive (bench/: the bench and
# generate_archive commands) are for development only: installed when
# DEALWATCH_BENCH=true asks for them (make bench, make load), never otherwise.
if env_bool("DEALWATCH_BENCH"):
    INSTALLED_APPS.append("bench")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CORS headers on /api/ only (CORS_URLS_REGEX), before anything that may answer.
    "corsheaders.middleware.CorsMiddleware",
    "dealwatch.middleware.DatabaseUnavailableMiddleware",
    # Reads the archive's version once per request (articles.freshness).
    "articles.freshness.ArchiveVersionMiddleware",
    "dealwatch.routers.PrimaryForCuratorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change (the admin's inlines included).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dealwatch.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    # The hottest fragments (a list's rows, the charts), drawn from Python by
    # articles.fragments: Jinja2 compiles them to Python functions, and draws
    # them several times faster than Django's engine.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "articles.fragments.environment",
            "extensions": ["jinja2.ext.i18n"],
        },
    },
]

WSGI_APPLICATION = "dealwatch.wsgi.application"

# DJANGO_CONN_MAX_AGE=60: each process keeps its connection for up to that
# many seconds instead of connecting per request (0, the default). A kept
# connection is checked before each request reuses it (conn_health_checks), so
# one broken by a database restart is replaced instead of failing the request.
_conn_max_age = env_int("DJANGO_CONN_MAX_AGE", 0)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=_conn_max_age,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Read replicas: public reads are spread over them, the admin and all writes
# use the primary (dealwatch/routers.py). In tests they mirror the primary.
DATABASE_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    alias = f"replica_{number}"
    DATABASES[alias] = {
        **dj_database_url.parse(url, conn_max_age=_conn_max_age, conn_health_checks=True),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_REPLICAS.append(alias)
DATABASE_ROUTERS = ["dealwatch.routers.PrimaryReplicaRouter"]
# How long after a curated change public reads stay on the primary: more than
# the replicas' usual replication delay.
DATABASE_REPLICA_LAG = env_int("DATABASE_REPLICA_LAG", 10)
# A web page's queries are short: PostgreSQL's JIT compilation and parallel
# workers cost more than they save there (100+ ms each, seen on the 1M-deal
# benchmark archive on 2 cores), and the long counts are cached.
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database.setdefault("OPTIONS", {}).setdefault(
            "options", "-c jit=off -c max_parallel_workers_per_gather=0 -c random_page_cost=1.1"
        )

# DJANGO_DB_POOL=true: each process keeps a pool of PostgreSQL connections
# (psycopg_pool) instead of connecting per request. A pooled connection is
# checked before it is handed out, so the pool recovers by itself after the
# database restarts; a request waits at most the timeout for a connection,
# which is also how long a page takes to answer 503 while the database is
# down. A sync gunicorn worker uses one connection at a time.
if env_bool("DJANGO_DB_POOL"):
    for _database in DATABASES.values():
        if _database["ENGINE"] == "django.db.backends.postgresql":
            _database["CONN_MAX_AGE"] = 0  # the pool refuses persistent connections
            _database["OPTIONS"]["pool"] = {
                "min_size": env_int("DJANGO_DB_POOL_MIN", 1),
                "max_size": env_int("DJANGO_DB_POOL_MAX", 4),
                "timeout": env_int("DJANGO_DB_POOL_TIMEOUT", 2),
                # While the database is down the pool retries each lost
                # connection with a doubling delay for up to reconnect_timeout
                # (5 minutes by default), so after a two-minute outage its next
                # try could be two minutes away: the site stayed on 503 long
                # after PostgreSQL was back (tests/test_outage.py). Giving up
                # after a few seconds lets the next request start a fresh try.
                "reconnect_timeout": 5,
            }

# Shared by every app server when REDIS_URL is set (counts, facets, the home
# page); otherwise each process keeps its own small cache.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "dealwatch"),
    }
    if REDIS_URL
    # Whole pages are kept (articles.freshness): a process's own cache holds
    # at most CACHE_MAX_MB megabytes (64 by default), least recently used out.
    else {
        "BACKEND": "dealwatch.cache.BoundedLocMemCache",
        "OPTIONS": {
            "MAX_ENTRIES": 10_000,
            "MAX_BYTES": env_int("DJANGO_CACHE_MAX_MB", 64) * 1024 * 1024,
        },
    }
}

# Background tasks (Django's tasks framework): after a save, the pages read
# most are made again before anyone asks (articles.page_rebuild). Queued in
# the database, so that nothing more need be installed; `manage.py db_worker`
# runs them (make run starts it). DJANGO_TASKS_BACKEND may name another
# backend, such as Django's immediate one, which runs them in the request.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# Where readers reach the site: those pages are made for this host and scheme.
PUBLIC_URL = os.environ.get("DEALWATCH_PUBLIC_URL") or (
    "http://127.0.0.1:8000" if DEBUG else f"https://{(ALLOWED_HOSTS or ['localhost'])[0]}"
)

# How many exports (/export/deals.csv, .json) each process streams at once;
# one more is answered 503 with Retry-After, so that downloads never take
# every thread that serves pages (gunicorn.conf.py; issue 13).
EXPORTS_PER_PROCESS = env_int("DJANGO_EXPORTS_PER_PROCESS", 2)

# django-axes: five failed logins for one username from one address lock that
# pair out for 30 minutes (`manage.py axes_reset` lifts every lockout). It
# must come first, so that it refuses even a correct password during lockout.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dealwatch.lockout.lockout_response"
# DJANGO_PROXY_COUNT: how many proxies of our own (load balancer, TLS
# terminator) stand before the app; logins are then counted by the address
# they saw, not by theirs (dealwatch.lockout.client_ip).
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "dealwatch.lockout.client_ip"

# The read API (/api/v1/, articles.api): anonymous and read-only, JSON only,
# no session or login read. Each client is counted by its address
# (dealwatch.lockout.client_ip) in the default cache, which is Redis, shared
# by every worker, wherever REDIS_URL is set: a short burst and a sustained
# rate, both answered 429 with Retry-After once spent.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": [
        "articles.api.throttling.BurstRateThrottle",
        "articles.api.throttling.SustainedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "api_burst": os.environ.get("DEALWATCH_API_BURST_RATE", "60/minute"),
        "api_sustained": os.environ.get("DEALWATCH_API_SUSTAINED_RATE", "3000/hour"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # No ?format=: every answer is JSON, and the schema lists every parameter.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "dealwatch API",
    "DESCRIPTION": (
        "The archive's deals, companies, articles, bids, deadlines and sources, "
        "read-only. See the README's “Use the API” section."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    # Swagger UI's files come from this site (drf-spectacular-sidecar), no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No validator badge: it is an image from another site, which the CSP refuses.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
    # Status and kind choices share names across models: each enum its own name.
    "ENUM_NAME_OVERRIDES": {
        "DealStatusEnum": "articles.models.DealStatus",
        "DealTypeEnum": "articles.models.DealType",
        "BidStatusEnum": "articles.models.BidStatus",
        "DeadlineStatusEnum": "articles.models.DeadlineStatus",
        "DeadlineKindEnum": "articles.models.DeadlineKind",
        "AuthorityKindEnum": "articles.models.AuthorityKind",
        "ReviewKindEnum": "articles.models.ReviewKind",
        "ReviewPhaseEnum": "articles.models.ReviewPhase",
        "ReviewStatusEnum": "articles.models.ReviewStatus",
    },
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
}
# Any site may read the API from a browser, with GET only, and without
# credentials; the rest of the site sends no CORS headers at all.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

# Who may see and restore past versions of curated records is a permission of
# its own (the curators group has it, migration 0005).
SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
# The language curators write deals, companies, deadlines and summaries in:
# pages in another language mark that text with it (lang="en"), so that
# screen readers pronounce it right. An article's title has its own.
DEALWATCH_CURATION_LANGUAGE = os.environ.get("DEALWATCH_CURATION_LANGUAGE", "en").strip().lower()
if not re.fullmatch(r"[a-z]{2,3}", DEALWATCH_CURATION_LANGUAGE):
    raise ImproperlyConfigured(
        "DEALWATCH_CURATION_LANGUAGE must be a language code such as en or fr, "
        f"got {DEALWATCH_CURATION_LANGUAGE!r}."
    )
LOCALE_PATHS = [BASE_DIR / "locale"]
# French dates are offered year-month-day in forms (dealwatch/formats/fr).
FORMAT_MODULE_PATH = ["dealwatch.formats"]
# The admin in every language (the router pins it to the primary database).
ADMIN_URL_PREFIXES = ("/admin/", *(f"/{code}/admin/" for code, _name in LANGUAGES[1:]))
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names in production; plain storage under debug and
        # in tests, which would otherwise need collectstatic before rendering.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or env_bool("DJANGO_PLAIN_STATIC")
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# Under debug (and so in tests) whitenoise serves from the app folders and
# picks up changes; in production it serves what collectstatic gathered.
WHITENOISE_USE_FINDERS = DEBUG
# Files browsers ask for at the site's root (/favicon.ico), served as they are.
WHITENOISE_ROOT = BASE_DIR / "public"
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "admin:login"

# Importing companies, deals and bids from the admin (articles.transfer): a
# file is imported whole or not at all; importing needs the right to add,
# exporting the right to view.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# The story desk fetches the pages curators link to (articles.link_fetch) and
# refuses any address that is not public. "host:port" addresses listed here
# are let through anyway: for a test's local server, never in production.
LINK_FETCH_ALLOWED_ADDRESSES = env_list("DEALWATCH_LINK_FETCH_ALLOWED_ADDRESSES", [])

# The security middleware's settings only take effect when debug is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: scripts, styles, images and fonts from this site
# only, no inline script or style, no plugins, never framed. The public pages
# and the admin keep to it (tests/browser/test_csp.py).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Mail (Django 6.1's MAILERS): errors go to DJANGO_ADMINS through SMTP in
# production; under debug mail is printed to the console.
ADMINS = env_list("DJANGO_ADMINS", [])
SERVER_EMAIL = DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_FROM_EMAIL", "dealwatch@localhost")
MAILERS = {
    "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if DEBUG
    else {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("DJANGO_SMTP_HOST", "localhost"),
            "port": env_int("DJANGO_SMTP_PORT", 587),
            "username": os.environ.get("DJANGO_SMTP_USER", ""),
            "password": os.environ.get("DJANGO_SMTP_PASSWORD", ""),
            "use_tls": env_bool("DJANGO_SMTP_TLS", default=True),
            "timeout": 10,
        },
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
