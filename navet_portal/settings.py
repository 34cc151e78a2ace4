"""Settings, read from the environment (CONTRACT.md §1; `.env.example` lists every variable).

Defaults give a self-contained development portal: SQLite, local-memory cache and
in-process background jobs. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY,
ALLOWED_HOSTS and EMAIL_URL.
"""

from datetime import timedelta
from pathlib import Path
from typing import Any

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105 - DEBUG only
# With DEBUG off and no key, tools that sign nothing (makemigrations, compilemessages)
# still run; the web server and the worker refuse to start (startup.py).

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts.lockout.LoginAttemptsConfig",  # django-axes, named in Bulgarian
    "core",
    "accounts",
    "centers",
    "selfassessment",
    "review",
    "reports",
    "pages",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.PortalLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a lock-out into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "navet_portal.urls"
WSGI_APPLICATION = "navet_portal.wsgi.application"

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
                "core.context_processors.portal",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections, checked before reuse, so a restarted PostgreSQL
    # costs one failed check rather than a failed request.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

# --- Redis: broker and cache -------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "navet",
            "TIMEOUT": 600,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/Sofia"
# A message a killed worker had taken is delivered again after this many seconds,
# found by a sweep every 10 s (kombu's default throttle would make it every 100 s;
# one ZRANGE every 10 s costs Redis nothing at our scale).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 2,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_IMPORTS = ["core.queue"]
# Deadline reminders: days before 31 January, sent daily at REMINDER_HOUR (Sofia).
REMINDER_DAYS_BEFORE = env.list("REMINDER_DAYS_BEFORE", cast=int, default=[14, 7, 1])
CELERY_BEAT_SCHEDULE = {
    "deadline-reminders": {
        "task": "review.tasks.send_deadline_reminders",
        "schedule": crontab(hour=env.int("REMINDER_HOUR", default=9), minute=0),
    },
    "pending-tasks": {"task": "core.queue.flush_pending_tasks", "schedule": 60.0},
    "past-year-analyses": {
        "task": "reports.tasks.build_past_year_analyses",
        "schedule": crontab(month_of_year=2, day_of_month=1, hour=6, minute=0),
    },
}

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # e-Authentication: finds the user an assertion names; never creates one.
    "accounts.saml_backend.PersonIdBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Lock-out after repeated failed log-ins (django-axes): five failures for the
# same e-mail from the same address lock that pair out for 15 minutes.
# Reverse proxies in front of the portal that append to X-Forwarded-For (0: none,
# the header is ignored). The client address of the API throttles and the log-in
# lock-out is the one the nearest trusted proxy saw (core/clientip.py).
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_address"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
# Password-reset e-mails (accounts/password_reset.py): per e-mail and per client address.
PASSWORD_RESET_PER_EMAIL = env("PASSWORD_RESET_PER_EMAIL", default="3/hour")
PASSWORD_RESET_PER_ADDRESS = env("PASSWORD_RESET_PER_ADDRESS", default="10/hour")
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the log-in form's field, holding the e-mail
AXES_USERNAME_CALLABLE = "accounts.lockout.login_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# The language cookie is as private as the session's (issue 13): never over plain
# HTTP in production, never read by scripts, not sent by other sites' requests.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- E-mail -----------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="НАПОО <no-reply@navet.government.bg>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

# --- e-Authentication (е-Автентикация, SAML 2.0): off unless SAML_IDP_METADATA is set --
# accounts/saml.py builds the service provider's configuration from these on each use.
SAML_IDP_METADATA = env("SAML_IDP_METADATA", default="")
# unset: PORTAL_BASE_URL + /saml2/metadata/
SAML_SP_ENTITY_ID = env("SAML_SP_ENTITY_ID", default="")
SAML_SP_CERT = env("SAML_SP_CERT", default="")
SAML_SP_KEY = env("SAML_SP_KEY", default="")
SAML_ATTRIBUTE_PERSON_ID = env(
    "SAML_ATTRIBUTE_PERSON_ID", default="urn:egov:bg:eauth:2.0:attributes:personIdentifier"
)
# Centre staff log in only through e-Authentication (agency users may keep passwords).
SAML_REQUIRED_FOR_CENTER_STAFF = env.bool("SAML_REQUIRED_FOR_CENTER_STAFF", default=False)
# The key of the person identifier's hash (accounts/person_id.py); required with SAML.
PERSON_ID_HASH_KEY = env("PERSON_ID_HASH_KEY", default="")
SAML_CONFIG_LOADER = "accounts.saml.sp_config"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_CREATE_UNKNOWN_USER = False
SAML_ACCEPTED_TIME_DIFF = 60  # seconds of clock skew allowed with the identity provider
# The identity provider posts its response from another site: the SAML session's
# cookie must travel with that POST (SameSite=None needs HTTPS; plain-HTTP runs use Lax).
SAML_SESSION_COOKIE_NAME = "saml_session"
SAML_SESSION_COOKIE_SAMESITE = "None" if SESSION_COOKIE_SECURE else "Lax"

# --- Language and time -------------------------------------------------------
# The UI is written in Bulgarian (the message ids are Bulgarian); locale/en holds
# the English translation.
LANGUAGE_CODE = "bg"
LANGUAGES = [("bg", "Български"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times as written in Bulgaria (23.11.2026 г., 08:24), also in the admin.
FORMAT_MODULE_PATH = ["navet_portal.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Sofia"
USE_TZ = True

# --- Static and media --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
STORAGES = {
    "default": {
        "BACKEND": (
            "storages.backends.s3.S3Storage"
            if AWS_STORAGE_BUCKET_NAME
            else "django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True

# --- REST API ---------------------------------------------------------------
REST_FRAMEWORK: dict[str, Any] = {
    # Token first: its `WWW-Authenticate: Token` challenge makes a request without
    # (valid) credentials a 401; a user who may not do something still gets a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.Pagination",
    "DEFAULT_SCHEMA_CLASS": "core.schema.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["core.throttling.AnonThrottle", "core.throttling.UserThrottle"],
    "NUM_PROXIES": TRUSTED_PROXIES,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="300/minute"),
        "user": env("API_THROTTLE_USER", default="1200/minute"),
    },
}
if DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"].append(
        "rest_framework.renderers.BrowsableAPIRenderer"
    )
SPECTACULAR_SETTINGS = {
    "TITLE": "НАПОО — Портал за качеството, API",
    "DESCRIPTION": (
        "Регистър на ЦПО и ЦИПО, годишни доклади за самооценка на качеството и "
        "национални обобщения. Договорът на интерфейса е CONTRACT.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from the portal's own static files: agencies run intranets.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "KindEnum": "centers.models.Kind",
        "LicenseStatusEnum": "centers.models.LicenseStatus",
        "ValidationStatusEnum": "centers.models.ValidationStatus",
        "ValidationScopeEnum": "centers.models.ValidationScope",
        "AnalysisStatusEnum": "reports.models.AnalysisStatus",
        "AnalysisKindEnum": "reports.models.AnalysisKind",
        "DecisionKindEnum": "selfassessment.models.DecisionKind",
    },
}

# --- Security ---------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    # Production is HTTPS: behind a proxy that sets X-Forwarded-Proto, or the portal
    # redirects itself. Local runs over plain HTTP set SECURE_SSL_REDIRECT=0.
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    if TRUSTED_PROXIES:  # only a proxy of ours may say the request came over HTTPS
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
    SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    # WeasyPrint warns of every SVG property it ignores (matplotlib's text-anchor).
    # pysaml2 and djangosaml2 would log assertions, which carry the person identifier.
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        "saml2": {"level": "CRITICAL"},
        "djangosaml2": {"level": "CRITICAL"},
    },
}

PORTAL_NAME = _("Национална агенция за професионално образование и обучение")
