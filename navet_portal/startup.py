"""What the web server and the Celery worker check before they serve anything."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def require_secret_key():
    """Refuse to start without SECRET_KEY (DEBUG off): better than a 500 on the
    first request that signs a session or a CSRF token."""
    try:
        settings.SECRET_KEY  # noqa: B018 - Django raises when it is empty
    except ImproperlyConfigured as exc:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.") from exc
