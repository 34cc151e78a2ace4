from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views import defaults
from rest_framework.exceptions import NotFound

from centers.models import Center, Kind, LicenseStatus


def home(request):
    counts = {
        "cpo": Center.objects.filter(kind=Kind.CPO, status=LicenseStatus.ACTIVE).count(),
        "cipo": Center.objects.filter(kind=Kind.CIPO, status=LicenseStatus.ACTIVE).count(),
    }
    return render(request, "core/home.html", {"counts": counts})


@login_required
def dashboard(request):
    centers = request.user.centers.order_by("name") if request.user.is_center_staff else None
    return render(request, "core/dashboard.html", {"centers": centers})


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
