"""Who may do what: the portal's role rules, written once.

Views (decorators), the API (permission classes) and services (`require`) all ask
these predicates; the messages a refusal carries live here too, translated.

- Centre staff see and change their own centres' data only.
- Agency users (experts and administrators) see every centre's data, decide on
  reports and take reports for review.
- Administrators also assign reports to other experts, reopen accepted reports
  and publish the national analysis and statistics.
"""

from functools import wraps
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User


class Denied:
    """The refusals, each said once."""

    NOT_AGENCY = _("Само експертите на НАПОО вземат решения по докладите.")
    NOT_ADMINISTRATOR_REOPEN = _("Само администратор може да отвори отново приет доклад.")
    NOT_ADMINISTRATOR_ANNUL = _("Само администратор на НАПОО може да анулира подаден доклад.")
    NOT_ADMINISTRATOR_ASSIGN = _("Само администратор разпределя доклади на други експерти.")
    NOT_ADMINISTRATOR_PUBLISH = _("Само администратор на НАПОО публикува анализа и статистиката.")
    NOT_CENTER_STAFF_CREATE = _("Докладите се създават от служителите на центъра.")
    NOT_CENTER_STAFF_EDIT = _("Само служителите на центъра могат да променят доклада.")
    NOT_CENTER_STAFF_PROCEDURES = _("Процедурите се въвеждат от служителите на центъра.")


def is_agency(user: "User | AnonymousUser | None") -> bool:
    return bool(user and user.is_authenticated and user.is_agency)


def is_center_staff(user: "User | AnonymousUser | None") -> bool:
    return bool(user and user.is_authenticated and user.is_center_staff)


def is_administrator(user: "User | AnonymousUser | None") -> bool:
    return bool(user and user.is_authenticated and user.is_administrator)


def may_decide(user: "User | AnonymousUser | None") -> bool:
    """Return or accept a submitted report: agency users."""
    return is_agency(user)


def may_reopen(user: "User | AnonymousUser | None") -> bool:
    """Reopen an accepted report: administrators."""
    return is_administrator(user)


def may_annul(user: "User | AnonymousUser | None") -> bool:
    """Annul a filed report, so that it counts nowhere: administrators."""
    return is_administrator(user)


def may_assign(user: "User | AnonymousUser | None", expert: "User | None") -> bool:
    """An agency user takes a report; only an administrator gives it to someone else
    (or to nobody)."""
    return is_agency(user) and (expert == user or is_administrator(user))


def may_publish(user: "User | AnonymousUser | None") -> bool:
    """Publish the national analysis and statistics (CONTRACT.md §6): administrators."""
    return is_administrator(user)


def require(allowed: bool, message: str | Promise) -> None:
    """Raise PermissionDenied(message) unless `allowed`: what services call."""
    if not allowed:
        raise PermissionDenied(message)


# --- Scoping: which rows of a centre's data a user may see or change -------------


def centers_staffed_by(user):
    """The centres `user` reports for (none for agency users and anonymous)."""
    # By now the relation names the Center class, not "self" or a string (accounts may
    # not import centers, which imports accounts).
    centers = get_user_model()._meta.get_field("centers").related_model.objects  # type: ignore[union-attr]
    if not is_center_staff(user):
        return centers.none()
    return centers.filter(staff=user)


def visible_to(user, queryset, center="center"):
    """Rows of a centre's data that `user` may read: all for agency users, their own
    centres' for centre staff, none for anyone else. `center` is the lookup from the
    queryset's model to its centre ("" when the queryset is of centres)."""
    if is_agency(user):
        return queryset
    return editable_by(user, queryset, center)


def editable_by(user, queryset, center="center"):
    """Rows of a centre's data that `user` may change: only their own centres' staff."""
    if not is_center_staff(user):
        return queryset.none()
    return queryset.filter(**{f"{center}__staff" if center else "staff": user})


# --- In views and the API ---------------------------------------------------------


def agency_required(view):
    """Agency experts and administrators only; others get 403, anonymous users the log-in."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_agency(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class IsAgencyUser(BasePermission):
    def has_permission(self, request, view):
        return is_agency(request.user)
