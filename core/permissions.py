from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission


def agency_required(view):
    """Agency experts and administrators only; others get 403, anonymous users the log-in."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_agency:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class IsAgencyUser(BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_agency)
