"""Whether e-Authentication is on, and the agency's policy for it.

Kept apart from `accounts/saml.py`: pysaml2 takes about a second to import (its XML
schemas), and the log-in form, the templates and the URL configuration only need to
know whether the feature is configured.
"""

from django.conf import settings

from .models import Role, User


def is_configured() -> bool:
    return bool(settings.SAML_IDP_METADATA)


def password_login_refused(user: User) -> bool:
    """The agency's policy: centre staff log in only through e-Authentication."""
    return (
        is_configured()
        and settings.SAML_REQUIRED_FOR_CENTER_STAFF
        and user.role == Role.CENTER_STAFF
        and not user.is_superuser
    )
