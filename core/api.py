"""API building blocks shared by the apps."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import exception_handler as drf_exception_handler

from .concurrency import StaleVersion


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def exception_handler(exc, context):
    """DRF's handler, plus: a service's ValidationError is a 400 with field errors,
    and a stale edit (StaleVersion) is a 409 naming the current version."""
    if isinstance(exc, DjangoValidationError):
        body = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, StaleVersion):
        return Response(
            {"version": [exc.message], "current_version": exc.current_version},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)


class _FailOpen:
    """Throttling must not turn a cache outage into errors: without the cache, let
    the request through (and say so in the log)."""

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:  # the cache (Redis) is down
            import logging

            logging.getLogger(__name__).warning("throttle cache unavailable", exc_info=True)
            return True


class AnonThrottle(_FailOpen, AnonRateThrottle):
    pass


class UserThrottle(_FailOpen, UserRateThrottle):
    pass
