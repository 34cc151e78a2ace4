"""The analysis pages: the list (published analyses for everyone, the agency's drafts
and the request form for agency users), the editor of a draft, and the document as
HTML and DOCX. The rules live in reports/services.py; these pages translate."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts.permissions import agency_required, is_agency, may_publish
from core.concurrency import StaleVersion
from core.downloads import content_disposition
from core.years import year_in_range
from selfassessment.deadlines import current_reporting_year

from .models import AnalysisKind, AnalysisStatus
from .practices import practices_of_year
from .rendering import TITLES, analysis_body_html, analysis_docx, analysis_title
from .sections import BY_CODE
from .services import (
    analyses_visible_to,
    analysis_draft_from,
    analysis_edit,
    analysis_figures,
    analysis_publish,
    analysis_section_regenerate,
)
from .statistics import years_with_reports

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _analysis(request, pk):
    analysis = analyses_visible_to(request.user).filter(pk=pk).first()
    if analysis is None:
        raise Http404
    return analysis


def _labels():
    return {code: str(label) for code, label in AnalysisStatus.choices}


def analyses_page(request):
    """Published analyses for everyone; for agency users also the drafts and the form
    that asks for a new one (the combined document by default)."""
    agency = is_agency(request.user)
    years = sorted(set(years_with_reports("CPO")) | set(years_with_reports("CIPO")))
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year is None or not year_in_range(year):
        year = years[-1] if years else current_reporting_year(timezone.localdate())
    kind = request.GET.get("kind")
    if kind not in AnalysisKind.values:
        kind = AnalysisKind.ALL.value
    visible = analyses_visible_to(request.user).defer("statistics", "sections")
    return render(
        request,
        "reports/analyses.html",
        {
            "agency": agency,
            "published": [a for a in visible[:100] if a.published_at],
            "drafts": [a for a in visible[:100] if not a.published_at] if agency else [],
            "year": year,
            "kind": kind,
            "years": sorted(set(years) | {year}, reverse=True),
            "kinds": AnalysisKind.choices,
            "labels": _labels(),
        },
    )


def _sections_from_post(request, analysis):
    """The sections the form changed: {code: text}."""
    changed = {}
    for section in analysis.sections:
        name = f"section-{section['code']}"
        if name in request.POST and request.POST[name].replace("\r\n", "\n") != section["text"]:
            changed[section["code"]] = request.POST[name]
    return changed


@agency_required
def analysis_edit_page(request, pk):
    """The editor of an analysis: each section's text in a textarea, saved with the
    version it was read at; regenerate a section; publish (administrators); a new
    draft from a published analysis."""
    analysis = _analysis(request, pk)
    typed: dict[str, str] = {}
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = 0
        try:
            if action == "publish":
                if not request.POST.get("confirm"):
                    raise ValidationError(_("Потвърдете, че анализът е готов за публикуване."))
                analysis_publish(analysis=analysis, user=request.user)
                messages.success(request, _("Анализът е публикуван заедно със статистиката."))
                return redirect("reports:analysis_edit", pk=analysis.pk)
            if action == "new_draft":
                draft = analysis_draft_from(analysis=analysis, user=request.user)
                messages.success(request, _("Създаден е нов проект от публикувания анализ."))
                return redirect("reports:analysis_edit", pk=draft.pk)
            if action.startswith("regenerate:"):
                analysis_section_regenerate(
                    analysis=analysis,
                    user=request.user,
                    version=version,
                    code=action.removeprefix("regenerate:"),
                )
                messages.success(request, _("Текстът на раздела е възстановен."))
                return redirect(f"{request.path}#edit-{action.removeprefix('regenerate:')}")
            typed = {
                k.removeprefix("section-"): v
                for k, v in request.POST.items()
                if k.startswith("section-")
            }
            changed = _sections_from_post(request, analysis)
            if not changed:
                messages.info(request, _("Няма промени за запазване."))
                return redirect("reports:analysis_edit", pk=analysis.pk)
            analysis_edit(analysis=analysis, user=request.user, version=version, sections=changed)
            messages.success(request, _("Промените са запазени; PDF файлът се изготвя отново."))
            return redirect("reports:analysis_edit", pk=analysis.pk)
        except StaleVersion:
            messages.error(
                request,
                _(
                    "Анализът е променен от друг потребител, докато го редактирахте. "
                    "Вашият текст е запазен във формата по-долу, но не е записан: "
                    "прегледайте текущата версия и запазете отново."
                ),
            )
        except PermissionDenied as exc:
            messages.error(request, str(exc) or _("Нямате право на това действие."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        analysis.refresh_from_db()
    sections = []
    for section in analysis.sections:
        definition = BY_CODE.get(section["code"])
        sections.append(
            {
                **section,
                "value": typed.get(section["code"], section["text"]),
                "regenerable": definition is not None,
            }
        )
    practices = practices_of_year(analysis.year, analysis.kind)
    return render(
        request,
        "reports/analysis.html",
        {
            "analysis": analysis,
            "title": TITLES[analysis.kind],
            "sections": sections,
            "practices": practices,
            "may_publish": may_publish(request.user),
            "is_published": analysis.published_at is not None,
            "labels": _labels(),
        },
    )


def _document(analysis):
    if not analysis.sections or not analysis.statistics:
        raise Http404
    return analysis_figures(analysis), analysis.sections


def analysis_document_page(request, pk):
    """The document as a web page: the same content as the PDF, readable on a phone
    and by screen readers. A published analysis never changes: its page is cached."""
    analysis = _analysis(request, pk)
    key = f"analysis-html:{analysis.pk}:{analysis.version}:{bool(analysis.published_at)}"
    body = cache.get(key)
    if body is None:
        figures, sections = _document(analysis)
        body = analysis_body_html(figures, sections, draft=analysis.published_at is None)
        cache.set(key, body, 24 * 3600)
    return render(
        request,
        "reports/analysis_document.html",
        {
            "analysis": analysis,
            "title": analysis_title(analysis.kind, analysis.year),
            "body": mark_safe(body),  # noqa: S308  # nosec B308 B703 - our template, escaped
        },
    )


def analysis_docx_download(request, pk):
    analysis = _analysis(request, pk)
    figures, sections = _document(analysis)
    content = analysis_docx(figures, sections, draft=analysis.published_at is None)
    response = HttpResponse(content, content_type=DOCX)
    suffix = "" if analysis.published_at else "-proekt"
    response["Content-Disposition"] = content_disposition(
        f"analiz-{analysis.kind}-{analysis.year}{suffix}.docx", as_attachment=True
    )
    return response
