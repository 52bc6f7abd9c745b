"""Django settings, all read from the environment.

SQLite is the embedded default so the demo needs no set-up; production sets
``DATABASE_URL`` to PostgreSQL. Nothing secret lives in this file.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import django
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("COOPCOUNCIL_VAR_DIR", Path.cwd() / "var"))
# Run-time files (SQLite database, collected static files, emails) live under var/.
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)


def env_flag(name: str, default: bool = False) -> bool:
    """Read a yes/no setting from the environment."""
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("COOPCOUNCIL_DEBUG", False)
# The demo keys are published in this file, so only a local run may use them: the demo or a
# developer's machine (COOPCOUNCIL_DEBUG=1) and the test runner (pytest sets PYTEST_VERSION).
is_local_run = DEBUG or "PYTEST_VERSION" in os.environ


def secret_from_env(name: str, demo_value: str) -> str:
    """A secret from the environment; outside a local run a missing or demo value stops start-up.

    Refusing here, while the settings load, stops every way in alike: `coopcouncil serve`,
    `migrate`, `manage`, the worker and the ASGI/WSGI application.
    """
    value = os.environ.get(name, "").strip()
    if value and value != demo_value:
        return value
    if is_local_run:
        return value or demo_value
    problem = "is the published demo key" if value else "is not set"
    raise ImproperlyConfigured(
        f"{name} {problem}: production needs a secret of its own "
        "(COOPCOUNCIL_DEBUG=1 runs the local demo on the demo keys)."
    )


# Signs sessions, password-reset and email links.
SECRET_KEY = secret_from_env("COOPCOUNCIL_SECRET_KEY", "coopcouncil-demo-key-not-for-production")
# Keys the hashes of electoral-register and council-tax references (people app). A key of its
# own, so rotating SECRET_KEY (which only signs people out) never orphans the stored hashes.
register_hash_key = secret_from_env(
    "COOPCOUNCIL_REGISTER_HASH_KEY", "coopcouncil-demo-register-key-not-for-production"
)
if register_hash_key == SECRET_KEY:
    raise ImproperlyConfigured(
        "COOPCOUNCIL_REGISTER_HASH_KEY is the same as COOPCOUNCIL_SECRET_KEY: give each its own."
    )
ALLOWED_HOSTS = os.environ.get("COOPCOUNCIL_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(
    ","
)
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("COOPCOUNCIL_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Django 6 has the tasks framework built in; 5.2 takes it from the django-tasks backport.
    *(["django_tasks"] if django.VERSION < (6, 0) else []),
    "django_tasks_db",
    "coopcouncil.core",
    "coopcouncil.places",
    "coopcouncil.people",
    "coopcouncil.democracy",
    "coopcouncil.participation",
    "coopcouncil.servicerequests",
    "coopcouncil.budgets",
    "coopcouncil.coproduction",
    "coopcouncil.insight",
    "coopcouncil.procurement",
    "coopcouncil.grants",
    "coopcouncil.mutuals",
    "coopcouncil.membership",
    "coopcouncil.opendata",
]

MIDDLEWARE = [
    "coopcouncil.core.logs.RequestIdMiddleware",
    # Who has just written reads fresh data: no cached page, no replica (core/freshness.py).
    "coopcouncil.core.freshness.ReadYourWritesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A stored public page for a reader with no session cookie, before sessions are read.
    "coopcouncil.core.caching.SharedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A machine client's API key stands in for the session on /api/ (people/middleware.py).
    "coopcouncil.people.middleware.ApiKeyMiddleware",
    # After the password, a second factor's code (people/middleware.py) before any page.
    "coopcouncil.people.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "coopcouncil.config.api.ApiErrorBodyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coopcouncil.config.urls"
WSGI_APPLICATION = "coopcouncil.config.wsgi.application"

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
                "coopcouncil.places.context_processors.borough",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'coopcouncil.sqlite3'}"),
        conn_max_age=int(os.environ.get("COOPCOUNCIL_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL and a busy timeout let the demo serve reads while a write is in flight.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif env_flag("COOPCOUNCIL_DB_POOL", False):
    # Under ASGI (`coopcouncil serve`) each request runs in a thread of its own, so
    # connections come from a pool instead of living on a thread (CONN_MAX_AGE).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 2,
        "max_size": int(os.environ.get("COOPCOUNCIL_DB_POOL_SIZE", "20")),
    }

# PostgreSQL streaming read replicas (docs/deploy.md, "Scaling out"): one URL or several,
# comma-separated. config/routers.py sends them the reads of public pages by people who have
# not just written; everything else stays on the primary. Without it nothing changes.
replica_urls = [
    url.strip() for url in os.environ.get("COOPCOUNCIL_REPLICA_URL", "").split(",") if url.strip()
]
for number, url in enumerate(replica_urls, start=1):
    replica = dj_database_url.parse(url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"])
    if replica["ENGINE"] != DATABASES["default"]["ENGINE"]:
        raise ImproperlyConfigured(
            "COOPCOUNCIL_REPLICA_URL names a PostgreSQL streaming replica of DATABASE_URL's "
            "primary: both must be PostgreSQL."
        )
    # The same pool as the primary's, if any; in tests a replica is the primary itself.
    replica["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), **replica.get("OPTIONS", {})}
    replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica" if number == 1 else f"replica_{number}"] = replica
DATABASE_ROUTERS = ["coopcouncil.config.routers.PrimaryReplicaRouter"] if replica_urls else []
if env_flag("COOPCOUNCIL_DB_TRANSACTION_POOLER", False):
    # Behind PgBouncer in transaction mode a server-side cursor (``.iterator()``) would not
    # outlive its statement's transaction: fetch in chunks on the client instead.
    for database in DATABASES.values():
        database["DISABLE_SERVER_SIDE_CURSORS"] = True


def cache_from_url(url: str) -> dict[str, Any]:
    """A Django cache from ``COOPCOUNCIL_CACHE_URL``: ``file:///path``, ``db://table``,
    ``locmem://`` (one process only) or ``dummy://`` (no caching)."""
    scheme, _, rest = url.partition("://")
    if scheme == "file" and rest:
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": rest}
    if scheme == "db" and rest:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": rest}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"COOPCOUNCIL_CACHE_URL must be file:///path, db://table, locmem:// or dummy://, "
        f"not {url!r}."
    )


# The public page cache (core/caching.py) must be shared by every worker of `coopcouncil
# serve`, or a write seen by one would leave another's pages stale: files on one machine,
# the database table (`coopcouncil manage createcachetable`) across machines. Tests share
# nothing unless they ask (the `page_cache` fixture), so pages' query counts stay honest.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        **cache_from_url(
            os.environ.get(
                "COOPCOUNCIL_CACHE_URL",
                "dummy://" if "PYTEST_VERSION" in os.environ else f"file://{VAR_DIR / 'cache'}",
            )
        ),
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("COOPCOUNCIL_CACHE_MAX_ENTRIES", "5000"))},
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"
# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "people:profile"
LOGOUT_REDIRECT_URL = "places:home"

# Sign-up, password reset and the admin all check new passwords against these: not like the
# person's name or email, long enough, not a common password, not all digits.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("COOPCOUNCIL_PASSWORD_MIN_LENGTH", "10"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed sign-ins (django-axes; docs/reliability.md, "Login and sessions"). Failures are
# counted per account (from any address: a guess spread over many machines) and per address
# (at any account: one machine trying a password on many accounts), and either reaching the
# limit refuses sign-in for the cool-off. The address is REMOTE_ADDR, which uvicorn takes
# from X-Forwarded-For when the proxy is trusted (README, "Running in production").
AXES_FAILURE_LIMIT = int(os.environ.get("COOPCOUNCIL_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("COOPCOUNCIL_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The sign-in form's field is "username" whatever the user model calls it (here the email).
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "coopcouncil.people.views.login_locked_out"
# No log of every successful sign-in (address, browser): the failures are all it needs.
AXES_DISABLE_ACCESS_LOG = True

# The name authenticator apps show beside the second factor's codes.
OTP_TOTP_ISSUER = os.environ.get("COOPCOUNCIL_OTP_ISSUER", "coopcouncil")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
# Meeting papers are uploaded files: kept outside the static root and served only by the
# democracy app's view, which checks publication and sets safe headers.
PAPERS_ROOT = Path(os.environ.get("COOPCOUNCIL_PAPERS_DIR", VAR_DIR / "papers"))

EMAIL_BACKEND = os.environ.get(
    "COOPCOUNCIL_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("COOPCOUNCIL_FROM_EMAIL", "noreply@coopcouncil.invalid")
# A mail server that stops answering must not hold a worker for ever.
EMAIL_TIMEOUT = int(os.environ.get("COOPCOUNCIL_EMAIL_TIMEOUT", "30"))
# An email that fails to send is tried this many times in all, waiting this long before the
# second attempt and twice as long before each one after (coopcouncil/core/tasks.py).
EMAIL_ATTEMPTS = int(os.environ.get("COOPCOUNCIL_EMAIL_ATTEMPTS", "6"))
EMAIL_RETRY_DELAY_SECONDS = int(os.environ.get("COOPCOUNCIL_EMAIL_RETRY_DELAY_SECONDS", "120"))
# /healthz warns when a task has been due this long with no worker taking it.
HEALTH_TASKS_OVERDUE_MINUTES = int(os.environ.get("COOPCOUNCIL_HEALTH_TASKS_OVERDUE_MINUTES", "15"))
# ... and answers 503 ("tasks": "stalled") once the oldest due task has waited this long
# (0: never; a stalled worker is then a warning only).
HEALTH_TASKS_FAIL_AFTER_MINUTES = int(
    os.environ.get("COOPCOUNCIL_HEALTH_TASKS_FAIL_AFTER_MINUTES", "0")
)

# Background tasks (emails) wait in the database until `coopcouncil worker` runs them.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("COOPCOUNCIL_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}


def env_same_site(name: str, default: str) -> str | bool:
    """A cookie's SameSite from the environment: Lax, Strict, None, or off (no attribute)."""
    value = os.environ.get(name, default).strip().capitalize()
    if value == "Off":
        return False
    if value not in {"Lax", "Strict", "None"}:
        raise ImproperlyConfigured(f"{name} must be Lax, Strict, None or off, not {value!r}.")
    return value


# Session and CSRF cookies (docs/reliability.md, "Cookies"). COOPCOUNCIL_SECURE_COOKIES sends
# both over HTTPS only; each flag can also be set on its own.
secure_cookies = env_flag("COOPCOUNCIL_SECURE_COOKIES", False)
SESSION_COOKIE_NAME = os.environ.get("COOPCOUNCIL_SESSION_COOKIE_NAME", "sessionid")
SESSION_COOKIE_SECURE = env_flag("COOPCOUNCIL_SESSION_COOKIE_SECURE", secure_cookies)
SESSION_COOKIE_HTTPONLY = env_flag("COOPCOUNCIL_SESSION_COOKIE_HTTPONLY", True)
SESSION_COOKIE_SAMESITE = env_same_site("COOPCOUNCIL_SESSION_COOKIE_SAMESITE", "Lax")
# Two weeks, Django's default; a shared-terminal deployment may prefer hours.
SESSION_COOKIE_AGE = int(os.environ.get("COOPCOUNCIL_SESSION_COOKIE_AGE", str(14 * 24 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_flag("COOPCOUNCIL_SESSION_EXPIRE_AT_BROWSER_CLOSE", False)
CSRF_COOKIE_NAME = os.environ.get("COOPCOUNCIL_CSRF_COOKIE_NAME", "csrftoken")
CSRF_COOKIE_SECURE = env_flag("COOPCOUNCIL_CSRF_COOKIE_SECURE", secure_cookies)
# Pages hand htmx the token in the page itself, so no script needs to read the cookie; an
# API client that reads it may set this off.
CSRF_COOKIE_HTTPONLY = env_flag("COOPCOUNCIL_CSRF_COOKIE_HTTPONLY", True)
CSRF_COOKIE_SAMESITE = env_same_site("COOPCOUNCIL_CSRF_COOKIE_SAMESITE", "Lax")
if SESSION_COOKIE_NAME == CSRF_COOKIE_NAME:
    raise ImproperlyConfigured("The session and CSRF cookies need different names.")
for cookie, same_site, secure in (
    ("SESSION", SESSION_COOKIE_SAMESITE, SESSION_COOKIE_SECURE),
    ("CSRF", CSRF_COOKIE_SAMESITE, CSRF_COOKIE_SECURE),
):
    if same_site == "None" and not secure:
        # Browsers drop a SameSite=None cookie that is not Secure: nobody could sign in.
        raise ImproperlyConfigured(
            f"COOPCOUNCIL_{cookie}_COOKIE_SAMESITE=None needs COOPCOUNCIL_{cookie}_COOKIE_SECURE."
        )
# HTTPS, once the site has it: browsers are told to use nothing else (HSTS) and plain-HTTP
# requests are redirected. Off by default so the demo works on http://127.0.0.1.
SECURE_HSTS_SECONDS = int(os.environ.get("COOPCOUNCIL_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("COOPCOUNCIL_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_flag("COOPCOUNCIL_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_flag("COOPCOUNCIL_SSL_REDIRECT", False)
# The header by which a trusted TLS-terminating proxy says the request came in over HTTPS,
# e.g. HTTP_X_FORWARDED_PROTO. Only set it when every request passes through that proxy,
# which must overwrite the header: otherwise a client could claim HTTPS itself.
SECURE_PROXY_SSL_HEADER = (
    (os.environ["COOPCOUNCIL_PROXY_SSL_HEADER"], "https")
    if os.environ.get("COOPCOUNCIL_PROXY_SSL_HEADER")
    else None
)

# Content-Security-Policy (django-csp; docs/reliability.md, "Content-Security-Policy"):
# scripts, styles and everything else come only from this site, so an injected <script> or
# onclick= never runs. Inline style *attributes* are allowed (bar charts set their width);
# <style> elements and inline scripts are not. The signing lane's replies carry it too.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-elem": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Logs (docs/reliability.md, "Logs"): one JSON object a line on stderr, each with the id of
# its request (X-Request-ID, shared by Django and the signing lane; core/logs.py), uvicorn's
# access lines included. COOPCOUNCIL_LOG_FORMAT=text gives plain lines for a terminal.
LOG_FORMAT = os.environ.get("COOPCOUNCIL_LOG_FORMAT", "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"COOPCOUNCIL_LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "coopcouncil.core.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "coopcouncil.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("COOPCOUNCIL_LOG_LEVEL", "WARNING")},
    # uvicorn set up its own handlers before loading the app; these replace them.
    "loggers": {
        "uvicorn": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Council policy settings (each a published rule; change with a council decision) ---
# Read by services as typed values (str, int, bool) keyed by name.
COOPCOUNCIL: dict[str, Any] = {
    # Residency verification lapses after this many days (people app).
    "RESIDENCY_VALID_DAYS": int(os.environ.get("COOPCOUNCIL_RESIDENCY_VALID_DAYS", "730")),
    # A posted one-time code expires after this many days.
    "POSTAL_CODE_VALID_DAYS": int(os.environ.get("COOPCOUNCIL_POSTAL_CODE_VALID_DAYS", "28")),
    # Keyed hash for electoral-register / council-tax references; never store them in clear.
    "REGISTER_HASH_KEY": register_hash_key,
    "SITE_URL": os.environ.get("COOPCOUNCIL_SITE_URL", "http://127.0.0.1:8000"),
}
