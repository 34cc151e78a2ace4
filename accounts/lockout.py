"""Lock-out after repeated failed log-ins (django-axes): how the portal names an
attempt's user, and the app as the admin shows it."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class LoginAttemptsConfig(AxesAppConfig):
    """django-axes under a Bulgarian name in the admin (its models' names come from
    locale/bg)."""

    verbose_name = _("Защита на входа")


def login_username(request, credentials=None):
    """The e-mail a log-in attempt names, folded as the log-in itself folds it, so
    that USER@x and user@x share one failure count (django-axes)."""
    source = credentials if credentials is not None else request.POST
    return (source.get("username") or "").strip().lower() or None
