"""The national analysis: asking for it, building it, retrying it, editing its
sections, publishing it, drafting a new one from a published one.

A built analysis is a draft: agency users edit its sections' text (sending the
version they read), each edit rebuilds the PDF in the background. An administrator
publishes it: it never changes again, its PDF is rebuilt once without the draft
mark, and the statistics of its year are published (reports/publication.py).
"""

import logging

from celery import signature
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import Denied, is_agency, may_publish, require
from core.audit import audit
from core.concurrency import StaleVersion
from core.queue import enqueue_on_commit

from . import rendering
from .markup import MarkupError, markup_clean
from .models import ACTIVE_STATUSES, Analysis, AnalysisKind, AnalysisStatus, GoodPractice
from .publication import statistics_publish
from .sections import BY_CODE, section_text, sections_initial
from .statistics import StatisticsError, check_year_and_kind

log = logging.getLogger(__name__)
# The job that builds an analysis, by name: tasks.py calls these services, so this
# module does not import it (dependencies point one way).
BUILD_ANALYSIS = signature("reports.tasks.build_analysis")


def _kinds(kind):
    return [AnalysisKind.CPO.value, AnalysisKind.CIPO.value] if kind == AnalysisKind.ALL else [kind]


def check_analysis_kind(year, kind):
    """StatisticsError unless `kind` is CPO, CIPO or ALL and `year` in 2000–2100."""
    if kind not in AnalysisKind.values:
        errors = {"kind": [_("Видът е CPO, CIPO или ALL.")]}
        try:
            check_year_and_kind(year, AnalysisKind.CPO.value)
        except StatisticsError as exc:
            errors.update({k: v for k, v in exc.errors.items() if k == "year"})
        raise StatisticsError(errors)
    check_year_and_kind(year, _kinds(kind)[0])


def analyses_visible_to(user):
    """Agency users see every analysis; everyone else the published, finished ones."""
    analyses = Analysis.objects.all()
    if is_agency(user):
        return analyses
    return analyses.filter(published_at__isnull=False, status=AnalysisStatus.DONE)


def _busy_message():
    return _("В момента се изготвя друг анализ за същата година и вид; опитайте отново след малко.")


def analysis_request(*, year, kind, user, drafted_from=None):
    """Queue the analysis of `year` and `kind` (CPO, CIPO or ALL); while one is queued
    or running, that one is returned instead. Returns (analysis, created).
    `drafted_from`: a published analysis whose sections' text the new draft keeps."""
    check_analysis_kind(year, kind)
    running = Analysis.objects.filter(year=year, kind=kind, status__in=ACTIVE_STATUSES).first()
    if running is not None:
        return running, False
    try:
        with transaction.atomic():
            analysis = Analysis.objects.create(
                year=year,
                kind=kind,
                requested_by=user,
                drafted_from=drafted_from,
                sections=list(drafted_from.sections) if drafted_from is not None else [],
            )
    except IntegrityError:  # asked at the same instant by someone else
        return Analysis.objects.get(year=year, kind=kind, status__in=ACTIVE_STATUSES), False
    enqueue_on_commit(BUILD_ANALYSIS, analysis.pk)
    return analysis, True


def analysis_draft_from(*, analysis, user):
    """A new draft of a published analysis: its text kept, its figures computed anew."""
    require(is_agency(user), _("Само служители на НАПОО редактират анализа."))
    if analysis.published_at is None:
        raise ValidationError({"analysis": [_("Нов проект се създава от публикуван анализ.")]})
    draft, _created = analysis_request(
        year=analysis.year, kind=analysis.kind, user=user, drafted_from=analysis
    )
    if draft.published_at is not None:  # the published one is still being rebuilt
        raise ValidationError({"detail": [_busy_message()]})
    return draft


def analysis_retry(*, analysis):
    """Queue a failed analysis again."""
    updated = Analysis.objects.filter(pk=analysis.pk, status=AnalysisStatus.FAILED).update(
        status=AnalysisStatus.QUEUED, progress=0, error=""
    )
    if updated:
        enqueue_on_commit(BUILD_ANALYSIS, analysis.pk)
    analysis.refresh_from_db()
    return analysis


def _progress(analysis, value):
    Analysis.objects.filter(pk=analysis.pk).update(progress=value)


def practices_count(year, kind):
    return GoodPractice.objects.filter(
        report__year=year, report__center__kind__in=_kinds(kind)
    ).count()


def analysis_figures(analysis):
    """The figures of an analysis: as stored once built, live before."""
    if analysis.statistics:
        return rendering.figures_from_json(analysis.statistics)
    return rendering.analysis_statistics(analysis.year, analysis.kind)


def analysis_build(*, analysis):
    """Build the PDF of a queued or running analysis: the figures (computed on the
    first build, then the stored ones), the sections (written on the first build,
    then as edited) and the document. A second run of the job after a crash starts
    it again; a finished one is left alone. Failures are stored. When the text was
    edited while the PDF was being made, the analysis stays queued for the job that
    edit asked for."""
    analysis.refresh_from_db()
    if analysis.status == AnalysisStatus.DONE:
        return analysis
    read_version = analysis.version
    Analysis.objects.filter(pk=analysis.pk).update(
        status=AnalysisStatus.RUNNING,
        started_at=timezone.now(),
        progress=5,
        attempts=analysis.attempts + 1,
    )
    try:
        figures = analysis_figures(analysis)
        _progress(analysis, 35)
        sections = analysis.sections or sections_initial(
            rendering.analysis_sources(figures, practices_count(analysis.year, analysis.kind))
        )
        _progress(analysis, 50)
        pdf = rendering.analysis_pdf(figures, sections, draft=analysis.published_at is None)
        _progress(analysis, 90)
        name = f"analysis-{analysis.kind}-{analysis.year}-{analysis.pk}-v{read_version}.pdf"
        old = analysis.pdf.name
        analysis.pdf.storage.delete(f"analyses/{name}")  # a retried job overwrites, never adds
        analysis.pdf.save(name, ContentFile(pdf), save=False)
    except Exception as exc:
        log.exception("analysis %s failed", analysis.pk)
        Analysis.objects.filter(pk=analysis.pk).update(
            status=AnalysisStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
        raise
    fields = {
        "progress": 100,
        "pdf": analysis.pdf.name,
        "statistics": figures.as_json(),
        "finished_at": timezone.now(),
        "error": "",
    }
    if not analysis.sections:
        fields["sections"] = sections
    done = Analysis.objects.filter(pk=analysis.pk, version=read_version).update(
        status=AnalysisStatus.DONE, **fields
    )
    if not done:  # edited meanwhile: that edit's job makes the PDF of the new text
        fields.pop("sections", None)
        Analysis.objects.filter(pk=analysis.pk).update(**fields, status=AnalysisStatus.QUEUED)
    if old and old != analysis.pdf.name:
        analysis.pdf.storage.delete(old)
    analysis.refresh_from_db()
    return analysis


def _locked(analysis):
    return Analysis.objects.select_for_update().get(pk=analysis.pk)


def _requeue(locked):
    """Mark the analysis for a rebuild of its PDF (in the same transaction)."""
    locked.status = AnalysisStatus.QUEUED
    locked.progress = 0
    locked.error = ""
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError:  # another analysis of the year and kind is being built
        raise ValidationError({"detail": [_busy_message()]}) from None
    enqueue_on_commit(BUILD_ANALYSIS, locked.pk)


def _check_editable(locked, version):
    if locked.published_at is not None:
        raise ValidationError(
            {"detail": [_("Публикуваният анализ не може да се променя; създайте нов проект.")]}
        )
    if not locked.sections:
        raise ValidationError({"detail": [_("Анализът още не е изготвен.")]})
    if version != locked.version:
        raise StaleVersion(locked.version)


@transaction.atomic
def analysis_edit(*, analysis, user, version, sections):
    """Replace the text of some sections of a draft: `sections` {code: text}, as
    read at `version`. Raises StaleVersion when the analysis changed since,
    ValidationError for a published analysis, an unknown section or text that
    cannot be stored (no HTML: reports/markup.py). Rebuilds the PDF."""
    require(is_agency(user), _("Само служители на НАПОО редактират анализа."))
    locked = _locked(analysis)
    _check_editable(locked, version)
    if not isinstance(sections, dict) or not sections:
        raise ValidationError({"sections": [_("Посочете поне един раздел и неговия текст.")]})
    codes = {section["code"] for section in locked.sections}
    errors, cleaned = {}, {}
    for code, text in sections.items():
        if code not in codes:
            errors[str(code)] = [_("Няма такъв раздел в анализа.")]
            continue
        try:
            cleaned[code] = markup_clean(text)
        except MarkupError as exc:
            errors[code] = [str(exc)]
    if errors:
        raise ValidationError({"sections": [f"{code}: {m[0]}" for code, m in errors.items()]})
    changed = []
    for section in locked.sections:
        if section["code"] in cleaned and section["text"] != cleaned[section["code"]]:
            section["text"] = cleaned[section["code"]]
            changed.append(section["code"])
    locked.version += 1
    _requeue(locked)
    audit(target=locked, actor=user, action="analysis_edited", changes={"sections": changed})
    return locked


def analysis_section_regenerate(*, analysis, user, version, code):
    """Give a section back the portal's text (from the analysis' own figures)."""
    if code not in BY_CODE:
        raise ValidationError({"sections": [_("Няма такъв раздел в анализа.")]})
    figures = analysis_figures(analysis)
    sources = rendering.analysis_sources(figures, practices_count(analysis.year, analysis.kind))
    return analysis_edit(
        analysis=analysis, user=user, version=version, sections={code: section_text(code, sources)}
    )


@transaction.atomic
def analysis_publish(*, analysis, user):
    """Publish a finished draft (administrators): it becomes public and never changes
    again; its PDF is rebuilt once without the draft mark; the statistics of its year
    (for the combined document: of both kinds) are published with it."""
    require(may_publish(user), Denied.NOT_ADMINISTRATOR_PUBLISH)
    locked = _locked(analysis)
    if locked.published_at is not None:
        raise ValidationError({"detail": [_("Анализът вече е публикуван.")]})
    if locked.status != AnalysisStatus.DONE:
        raise ValidationError({"detail": [_("Анализът още не е готов за публикуване.")]})
    locked.published_at = timezone.now()
    locked.published_by = user
    _requeue(locked)
    # The public figures are the ones the document was built from, not today's.
    stored = locked.statistics or {}
    for kind in _kinds(locked.kind):
        key = (
            "cipo"
            if locked.kind == AnalysisKind.ALL and kind == AnalysisKind.CIPO
            else "statistics"
        )
        statistics_publish(
            year=locked.year, kind=kind, user=user, analysis=locked, figures=stored.get(key)
        )
    audit(
        target=locked, actor=user, action="analysis_published", changes={"version": locked.version}
    )
    return locked


def published_elsewhere(analysis):
    """Other published analyses of the same year and kind (newest first)."""
    return Analysis.objects.filter(
        ~Q(pk=analysis.pk), year=analysis.year, kind=analysis.kind, published_at__isnull=False
    )
