"""Public register pages: no log-in needed."""

import io

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.downloads import content_disposition

from .filters import CenterFilter
from .importing import write_centers_csv
from .models import Center

PAGE_SIZE = 25


def _filtered(request):
    return CenterFilter(request.GET, queryset=Center.objects.all())


def center_list(request):
    center_filter = _filtered(request)
    centers = center_filter.qs if center_filter.is_valid() else Center.objects.none()
    page = Paginator(centers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "centers/center_list.html",
        {"filter": center_filter, "page": page, "query": query.urlencode()},
    )


def center_detail(request, license_number):
    center = get_object_or_404(
        Center.objects.prefetch_related("status_history", "professions"),
        license_number=license_number,
    )
    return render(request, "centers/center_detail.html", {"center": center})


def center_export(request):
    """The filtered register as CSV, in the import format (CONTRACT.md §3)."""
    center_filter = _filtered(request)
    centers = center_filter.qs if center_filter.is_valid() else Center.objects.none()
    out = io.StringIO()
    write_centers_csv(centers.iterator(), out)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = content_disposition(f"centers-{stamp}.csv")
    return response
