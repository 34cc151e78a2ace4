"""API building blocks shared by the apps."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ErrorDetail, NotFound, ParseError
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .concurrency import StaleVersion
from .text import text_problem


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def _response_for(exc, context):
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
    if isinstance(exc, DRFValidationError):
        exc.detail = _said_in_bulgarian(exc.detail)
    return drf_exception_handler(exc, context)


def exception_handler(exc, context):
    """The API's error answers (settings: REST_FRAMEWORK EXCEPTION_HANDLER), every
    text in them safe to encode: an error may echo a key the client sent, and a lone
    surrogate in it would turn the 400 into a 500."""
    response = _response_for(exc, context)
    if response is not None:
        response.data = _encodable(response.data)
    return response


def _said_in_bulgarian(detail):
    """DRF refuses a lone surrogate in any CharField in English; say it as the
    services do (core.text), field by field."""
    if isinstance(detail, dict):
        return {key: _said_in_bulgarian(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_said_in_bulgarian(value) for value in detail]
    if isinstance(detail, ErrorDetail) and detail.code == "surrogate_characters_not_allowed":
        return ErrorDetail(text_problem("\ud800") or str(detail), code=detail.code)
    return detail


def _encodable(data):
    if isinstance(data, dict):
        return {_encodable(key): _encodable(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_encodable(value) for value in data]
    if isinstance(data, str) and text_problem(data) is not None:
        encodable = data.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "")
        return (
            ErrorDetail(encodable, code=data.code) if isinstance(data, ErrorDetail) else encodable
        )
    return data
