"""Добри практики: passages of the reports' narrative that experts mark while
reviewing, as source material for the analysis' „Добри практики“ section.

The marked passages are the agency's working material, never printed as such: the
published text is what the editor writes, and no centre is named in it unless the
editor writes the name.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import is_agency, require
from core.audit import audit

from .markup import MarkupError, markup_clean
from .models import GoodPractice

MAX_PASSAGE = 5_000
MAX_NOTE = 500


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def report_narrative(report) -> dict[str, str]:
    """The narrative the expert reviews: of the latest submission, else the report's."""
    latest = report.submissions.filter(is_latest=True).first()
    content = latest.content if latest is not None else report.content
    narrative = (content or {}).get("narrative") or {}
    return {code: text for code, text in narrative.items() if isinstance(text, str)}


@transaction.atomic
def practice_mark(*, report, section, passage, note, user):
    """Mark `passage` of the narrative `section` of `report` as a good practice, with
    a short `note`. The passage must be a part of that section's text (a whole
    section when left empty). Agency users only."""
    require(is_agency(user), _("Само експертите на НАПОО отбелязват добри практики."))
    narrative = report_narrative(report)
    errors: dict[str, list[str]] = {}
    if section not in narrative or not narrative[section].strip():
        errors["section"] = [_("Изберете раздел от описателната част на доклада.")]
    try:
        passage = markup_clean(passage or "")
        note = markup_clean(note or "")
    except MarkupError as exc:
        errors["passage"] = [str(exc)]
        passage = note = ""
    if not errors:
        if not passage:
            passage = narrative[section].strip()
        if len(passage) > MAX_PASSAGE:
            errors["passage"] = [_("Откъсът е по-дълъг от %(n)s знака.") % {"n": MAX_PASSAGE}]
        elif _squeezed(passage) not in _squeezed(narrative[section]):
            errors["passage"] = [_("Откъсът трябва да е част от текста на избрания раздел.")]
        if len(note) > MAX_NOTE:
            errors["note"] = [_("Бележката е по-дълга от %(n)s знака.") % {"n": MAX_NOTE}]
    if errors:
        raise ValidationError(errors)
    practice = GoodPractice.objects.create(
        report=report, section=section, passage=passage, note=note, marked_by=user
    )
    audit(
        target=report,
        actor=user,
        action="good_practice_marked",
        changes={"section": section, "practice": practice.pk},
    )
    return practice


def practices_of_year(year, kind):
    """The good practices marked in the year's reports of `kind` (ALL: both kinds),
    with their centre (for the editor only)."""
    kinds = ["CPO", "CIPO"] if kind == "ALL" else [kind]
    return (
        GoodPractice.objects.filter(report__year=year, report__center__kind__in=kinds)
        .select_related("report__center", "marked_by")
        .order_by("report__center__name", "marked_at")
    )


def practices_of_report(report):
    return GoodPractice.objects.filter(report=report).select_related("marked_by")
