"""API building blocks shared by the apps."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .concurrency import StaleVersion


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def exception_handler(exc, context):
    """DRF's handler, plus: a service's ValidationError is a 400 with field errors,
    a stale edit (StaleVersion) is a 409 naming the current version, and the two
    answers DRF gives in English (a body it cannot parse, Django's 404 naming the
    model) are said in the portal's language."""
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
    if isinstance(exc, ParseError):
        return Response(
            {
                "detail": _("Тялото на заявката не може да се разчете (%(reason)s).")
                % {"reason": exc.detail}
            },
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Http404):
        exc = NotFound()
    return drf_exception_handler(exc, context)
