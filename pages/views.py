from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from centers.models import Center, Kind, LicenseStatus

from .selectors import (
    agency_attention,
    campaign_bar,
    center_statuses_for,
    open_year,
    review_waiting,
)


def home(request):
    counts = {
        "cpo": Center.objects.filter(kind=Kind.CPO, status=LicenseStatus.ACTIVE).count(),
        "cipo": Center.objects.filter(kind=Kind.CIPO, status=LicenseStatus.ACTIVE).count(),
    }
    return render(request, "pages/home.html", {"counts": counts})


@login_required
def dashboard(request):
    """Each role's start page: what stands where and the next step (pages/selectors.py)."""
    user = request.user
    year = open_year(timezone.localdate())
    context: dict[str, object] = {"year": year}
    if user.is_center_staff:
        context["statuses"] = center_statuses_for(user)
    elif user.is_agency:
        context["waiting"] = review_waiting(user)
        context["campaign"] = campaign_bar(year)
        if user.is_administrator:
            context["attention"] = agency_attention()
    return render(request, "pages/dashboard.html", context)
