from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from centers.models import Center, Kind, LicenseStatus


def home(request):
    counts = {
        "cpo": Center.objects.filter(kind=Kind.CPO, status=LicenseStatus.ACTIVE).count(),
        "cipo": Center.objects.filter(kind=Kind.CIPO, status=LicenseStatus.ACTIVE).count(),
    }
    return render(request, "pages/home.html", {"counts": counts})


@login_required
def dashboard(request):
    centers = request.user.centers.order_by("name") if request.user.is_center_staff else None
    return render(request, "pages/dashboard.html", {"centers": centers})
