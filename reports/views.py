"""Public statistics pages, the agency's analyses, and a centre's benchmark."""

import textwrap

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import centers_staffed_by, is_agency
from centers.models import Center, Kind
from core.downloads import content_disposition
from core.spreadsheets import csv_response, xlsx_response
from core.years import year_in_range
from selfassessment.deadlines import current_reporting_year

from . import charts
from .benchmark import benchmark, benchmark_pdf
from .models import AnalysisStatus
from .publication import published_years, statistics_seen_by
from .services import analyses_visible_to
from .statistics import years_with_reports
from .tables import export_rows, statistics_tables


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


def _shown_year_and_kind(request, agency):
    """The year and kind the statistics page shows, the years it offers, and whether
    the year was asked for. The public is offered the published years only."""
    kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else Kind.CPO
    years = published_years(kind)
    if agency:
        years = sorted(set(years) | set(years_with_reports(kind)))
    try:
        asked = int(request.GET.get("year", ""))
    except ValueError:
        asked = None
    if asked is not None and not year_in_range(asked):
        asked = None
    year = asked or (years[-1] if years else current_reporting_year(timezone.localdate()))
    return year, kind, sorted(set(years) | {year}, reverse=True), asked is not None


def statistics_page(request):
    """Национална статистика: the published figures for the public (small cells
    suppressed), the live ones for agency users, marked as such (CONTRACT.md §6).

    A year not published yet is a page saying so: 404 when that year was asked for
    (its figures do not exist for the public), 200 on the bare page when nothing of
    the kind is published at all."""
    agency = is_agency(request.user)
    year, kind, years, asked = _shown_year_and_kind(request, agency)
    figures = statistics_seen_by(request.user, year, kind)
    context = {
        "year": year,
        "kind": kind,
        "kind_label": Kind(kind).label,
        "years": years,
        "kinds": Kind.choices,
    }
    if figures is None:
        context["not_published"] = _("Данните за %(year)s г. още не са публикувани.") % {
            "year": year
        }
        return render(request, "reports/statistics.html", context, status=404 if asked else 200)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        return _export(figures, export)
    stats = figures.statistics
    # The year's analysis (of the kind, or the combined one) the user may read.
    finished = analyses_visible_to(request.user).filter(
        year=year, kind__in=[kind, "ALL"], status=AnalysisStatus.DONE
    )
    context.update(
        {
            "figures": figures,
            "stats": stats,
            "tables": statistics_tables(stats),
            "charts": _charts(stats) if stats["submitted"] else {},
            "analyses": finished[:1],
        }
    )
    return render(request, "reports/statistics.html", context)


def _wrapped(text, width=22):
    return textwrap.fill(text, width, break_long_words=False)


def _charts(stats):
    """The page's figures as SVG: levels in percent of the reports, areas in percent of
    their maximum (ЦПО); the share of yes answers by criterion (ЦИПО)."""
    tables = statistics_tables(stats)
    if stats["kind"] == Kind.CPO:
        return {
            "levels": charts.bar_chart(
                [row.label for row in tables.levels],
                [row.percent for row in tables.levels],
                title=_("Равнище на качество, % от подадените доклади"),
            ),
            "areas": charts.bar_chart(
                [_wrapped(row.label) for row in tables.areas],
                [row.percent for row in tables.areas],
                title=_("Средни точки по области на оценяване, % от максимума"),
                height=3.6,
            ),
        }
    return {
        "criteria": charts.bar_chart(
            [_wrapped(row.label) for row in tables.answered_criteria],
            [row.percent for row in tables.answered_criteria],
            title=_("Дял на отговорите „да“ по критерии, %"),
            height=3.6,
        )
    }


def _export(figures, fmt):
    """The year's figures as rows, one a figure, each named: what, code, name, value.
    The public's file is the published one, small cells suppressed, like the page."""
    stats = figures.statistics
    rows = [[label, "", "", value] for label, value in _status_rows(figures)]
    rows += [[label, "", "", value] for label, value in _total_rows(stats)]
    rows += export_rows(statistics_tables(stats))
    name = f"statistics-{stats['kind']}-{stats['year']}"
    headers = [_("показател"), _("код"), _("наименование"), _("стойност")]
    if fmt == "xlsx":
        return xlsx_response(name, headers, rows, title=_("Статистика"))
    return csv_response(name, headers, rows)


def _status_rows(figures):
    stats = figures.statistics
    rows = [(_("година"), stats["year"]), (_("вид"), str(Kind(stats["kind"]).label))]
    if figures.is_live:
        rows.append((_("данни"), _("текущи (на живо), само за служителите на агенцията")))
    if figures.published_at:
        when = timezone.localtime(figures.published_at).isoformat(timespec="seconds")
        rows.append((_("публикувани на"), when))
    return rows


def _total_rows(stats):
    rows = [
        (_("лицензирани центрове към 31.12"), stats["licensed_centers"]),
        (_("подадени доклади"), stats["submitted"]),
        (_("подадени в срок"), stats["submitted_on_time"]),
        (_("подадени след срока"), stats["submitted_late"]),
        (_("% в срок от лицензираните"), stats["on_time_percent"]),
    ]
    if stats["kind"] == Kind.CPO:
        rows += [
            (_("доклади с нулева стойност"), stats["zero_value_reports"]),
            (_("среден брой точки"), stats["average_score"] if stats["submitted"] else ""),
            (_("процедури по валидиране"), stats["validation"]["procedures"]),
            (_("лица, преминали валидиране"), stats["validation"]["persons"]),
            (_("центрове с процедури по валидиране"), stats["validation"]["centers"]),
        ]
    return rows


def _center_for(request, license_number):
    centers = Center.objects.all() if request.user.is_agency else centers_staffed_by(request.user)
    # A centre whose reports are not scored has no benchmark: benchmark() says None.
    return get_object_or_404(centers, license_number=license_number)


@login_required
def benchmark_page(request, license_number, year):
    center = _center_for(request, license_number)
    data = benchmark(center, year, live=request.user.is_agency)
    if data is None:
        raise Http404
    if request.GET.get("format") == "pdf":
        response = HttpResponse(benchmark_pdf(center, year, data), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition(
            f"benchmark-{center.license_number}-{year}.pdf", as_attachment=False
        )
        return response
    return render(request, "reports/benchmark.html", {"center": center, "year": year, "data": data})
