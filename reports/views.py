"""Public statistics pages, the agency's analyses, and a centre's benchmark."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import agency_required, centers_staffed_by
from centers.models import Center, Kind
from core.downloads import content_disposition
from core.spreadsheets import csv_response, xlsx_response
from core.years import year_in_range
from selfassessment.deadlines import current_reporting_year
from selfassessment.models import QualityLevel

from . import charts
from .benchmark import benchmark, benchmark_pdf
from .cache import cached_statistics
from .models import Analysis, AnalysisStatus
from .statistics import level_label, years_with_reports


def _year_and_kind(request):
    kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else Kind.CPO
    years = years_with_reports(kind) or [current_reporting_year(timezone.localdate())]
    try:
        year = int(request.GET.get("year", years[-1]))
    except ValueError:
        year = years[-1]
    if not year_in_range(year):
        year = years[-1]
    return year, kind, years


def statistics_page(request):
    year, kind, years = _year_and_kind(request)
    stats = cached_statistics(year, kind)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        return _export(stats, export)
    figures = {}
    if stats.scored and stats.submitted:
        figures["levels"] = charts.bar_chart(
            [level_label(code) for code in stats.scored.levels],
            list(stats.scored.levels.values()),
            title=_("Разпределение по ниво на качество"),
        )
        figures["areas"] = charts.bar_chart(
            [a.code for a in stats.scored.areas],
            [a.percent for a in stats.scored.areas],
            title=_("Средни точки по области, % от максимума"),
        )
    elif stats.answered and stats.submitted:
        figures["indicators"] = charts.bar_chart(
            [i.code for i in stats.answered.indicators],
            [i.percent for i in stats.answered.indicators],
            title=_("Дял на отговорите „да“ по показатели, %"),
        )
    finished = Analysis.objects.filter(year=year, kind=kind, status=AnalysisStatus.DONE)
    return render(
        request,
        "reports/statistics.html",
        {
            "stats": stats,
            "year": year,
            "kind": kind,
            "years": sorted(set(years) | {year}, reverse=True),
            "kinds": Kind.choices,
            "figures": figures,
            "levels": dict(QualityLevel.choices),
            "regions": stats.regions,
            "analyses": finished[:1],
        },
    )


def _export(stats, fmt):
    """The year's aggregates as rows: one line per figure."""
    rows = [
        ["година", stats.year],
        ["вид", stats.kind],
        ["лицензирани към 31.12", stats.licensed_centers],
        ["подадени", stats.submitted],
        ["в срок", stats.submitted_on_time],
        ["след срока", stats.submitted_late],
        ["% в срок", stats.on_time_percent],
    ]
    if scored := stats.scored:
        rows += [
            ["с нулева стойност", scored.zero_value_reports],
            ["среден брой точки", scored.average_score],
        ]
        rows += [[f"ниво {code}", n] for code, n in scored.levels.items()]
        rows += [[f"област {a.code} средно", a.average] for a in scored.areas]
        rows += [[f"критерий {c.code} средно", c.average] for c in scored.criteria]
        rows += [[f"валидиране {k}", v] for k, v in scored.validation.as_json().items()]
    if answered := stats.answered:
        rows += [[f"показател {i.code} % да", i.percent] for i in answered.indicators]
        rows += [[f"критерий {c.code} % да", c.positive_percent] for c in answered.criteria]
    rows += [[f"област {r.region} подадени", r.submitted] for r in stats.regions]
    name = f"statistics-{stats.kind}-{stats.year}"
    if fmt == "xlsx":
        return xlsx_response(name, ["показател", "стойност"], rows, title="Статистика")
    return csv_response(name, ["показател", "стойност"], rows)


@agency_required
def analyses_page(request):
    year, kind, years = _year_and_kind(request)
    return render(
        request,
        "reports/analyses.html",
        {
            "analyses": Analysis.objects.defer("statistics")[:30],
            "year": year,
            "kind": kind,
            "years": sorted(set(years) | {year}, reverse=True),
            "kinds": Kind.choices,
            "labels": {code: str(label) for code, label in AnalysisStatus.choices},
        },
    )


def _center_for(request, license_number):
    centers = Center.objects.all() if request.user.is_agency else centers_staffed_by(request.user)
    # A centre whose reports are not scored has no benchmark: benchmark() says None.
    return get_object_or_404(centers, license_number=license_number)


@login_required
def benchmark_page(request, license_number, year):
    center = _center_for(request, license_number)
    data = benchmark(center, year)
    if data is None:
        raise Http404
    if request.GET.get("format") == "pdf":
        response = HttpResponse(benchmark_pdf(center, year, data), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition(
            f"benchmark-{center.license_number}-{year}.pdf", as_attachment=False
        )
        return response
    return render(request, "reports/benchmark.html", {"center": center, "year": year, "data": data})
