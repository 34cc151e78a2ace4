from django.http import JsonResponse
from django.views import defaults
from rest_framework.exceptions import NotFound


def page_not_found(request, exception):
    """A path under /api/ that no route matches is answered in JSON, as the API's
    own 404s are (CONTRACT.md §5), not with the HTML page."""
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"detail": str(NotFound.default_detail)},
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    """A request Django refuses before the API sees it (a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE, a disallowed host…) is answered in JSON under /api/."""
    from django.core.exceptions import RequestDataTooBig
    from django.utils.translation import gettext as _

    if request.path_info.startswith("/api/"):
        if isinstance(exception, RequestDataTooBig):
            detail = _("Тялото на заявката е твърде голямо.")
        else:
            detail = _("Невалидна заявка.")
        return JsonResponse(
            {"detail": detail}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    return defaults.bad_request(request, exception)


def server_error(request):
    """A server error: JSON under /api/, as every API answer is (CONTRACT.md §5);
    elsewhere the portal's 500 page, which needs no request context."""
    from django.utils.translation import gettext as _

    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"detail": _("Вътрешна грешка на сървъра. Опитайте отново след малко.")},
            status=500,
            json_dumps_params={"ensure_ascii": False},
        )
    return defaults.server_error(request)
