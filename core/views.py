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
