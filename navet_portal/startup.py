"""What the web server and the Celery worker check before they serve anything."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Placeholders that were published (.env.example, docs): a key anyone can read signs
# sessions anyone can forge.
PLACEHOLDER_SECRET_KEYS = frozenset(
    {"change-me-to-a-long-random-string", "change-me", "changeme", "secret", "insecure"}
)


def require_secret_key():
    """Refuse to start without SECRET_KEY (DEBUG off), or with a published
    placeholder: better than a 500 on the first request that signs a session or a
    CSRF token, or sessions signed with a key anyone can read."""
    try:
        key = settings.SECRET_KEY
    except ImproperlyConfigured as exc:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.") from exc
    if not settings.DEBUG and (
        key.strip().lower() in PLACEHOLDER_SECRET_KEYS or key.startswith("django-insecure-")
    ):
        raise ImproperlyConfigured(
            "SECRET_KEY is a published placeholder: set a long random one, e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
