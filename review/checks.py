"""Automatic checks of a submitted version, shown to the expert with a sentence
that explains each.

A check is a small function `(version) -> message or None`, registered with
@check("code") — or @check("code", kinds=(CPO,)) when it applies to one kind only. `version` is a `SubmittedVersion`: the snapshot's content and total,
the framework, the previous year's snapshot, and the year's usual narrative lengths.
Adding a check is adding one function here.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from selfassessment.content import visible_text
from selfassessment.kinds import CIPO, CPO, KINDS, kind_of
from selfassessment.scoring import to_points

CHECKS = {}

BIG_CHANGE_POINTS = Decimal(15)
SHORT_SHARE = 0.25  # "much shorter than usual": under a quarter of the average
MIN_REPORTS_FOR_USUAL = 5

# The criterion that scores the share of validated persons, per framework. A later
# framework file may name it with the key "validation_share_criterion".
VALIDATION_SHARE_CRITERION = {"CPO-2018": "2.13"}


@dataclass
class SubmittedVersion:
    spec: object
    content: dict
    total: Decimal | None
    previous_content: dict | None = None
    previous_total: Decimal | None = None
    usual_lengths: dict = field(default_factory=dict)  # section code → average length
    validation_criterion: str | None = None


ALL_KINDS = tuple(KINDS.values())


def check(code, kinds=ALL_KINDS):
    def register(function):
        CHECKS[code] = (function, kinds)
        return function

    return register


def run_checks(version):
    """[(code, message)] of every check of the version's kind that the version raises."""
    kind = kind_of(version.spec)
    found = []
    for code, (function, kinds) in CHECKS.items():
        if kind not in kinds:
            continue
        message = function(version)
        if message:
            found.append((code, message))
    return found


def _fmt(number):
    return f"{number:.2f}".rstrip("0").rstrip(".").replace(".", ",")


@check("zero_value", kinds=(CPO,))
def zero_value(version):
    if version.total == 0:
        return _("Докладът е с нула точки по всички критерии (доклад с нулева стойност).")
    return None


@check("big_change")
def big_change(version):
    if version.total is None or version.previous_total is None:
        return None
    change = version.total - version.previous_total
    if abs(change) > BIG_CHANGE_POINTS:
        return _(
            "Общият брой точки се е променил с %(change)s спрямо предходната година "
            "(от %(before)s на %(now)s), повече от %(limit)s точки."
        ) % {
            "change": ("+" if change > 0 else "") + _fmt(change),
            "before": _fmt(version.previous_total),
            "now": _fmt(version.total),
            "limit": _fmt(BIG_CHANGE_POINTS),
        }
    return None


@check("all_maximum", kinds=(CPO,))
def all_maximum(version):
    scores = version.content.get("scores") or {}
    criteria = version.spec.criteria
    if criteria and all(to_points(scores.get(c.code)) == c.max_points for c in criteria):
        return _("Всички критерии са оценени с максималния брой точки.")
    return None


@check("narrative_short")
def narrative_short(version):
    narrative = version.content.get("narrative") or {}
    short = []
    for section in version.spec.sections:
        usual = version.usual_lengths.get(section.code)
        length = len(visible_text(narrative.get(section.code)))
        if usual and length < usual * SHORT_SHARE:
            short.append(
                _("„%(title)s“ (%(length)s знака при обичайни около %(usual)s)")
                % {"title": section.title, "length": length, "usual": int(usual)}
            )
    if short:
        return _("Описателни раздели, много по-кратки от обичайното за годината: %(list)s.") % {
            "list": "; ".join(short)
        }
    return None


@check("narrative_copied")
def narrative_copied(version):
    if not version.previous_content:
        return None
    now = version.content.get("narrative") or {}
    before = version.previous_content.get("narrative") or {}
    same = [
        s.title
        for s in version.spec.sections
        if visible_text(now.get(s.code))
        and visible_text(now.get(s.code)) == visible_text(before.get(s.code))
    ]
    if same:
        return _("Текстът е същият като в доклада за предходната година: %(list)s.") % {
            "list": "; ".join(f"„{title}“" for title in same)
        }
    return None


@check("validation_mismatch", kinds=(CPO,))
def validation_mismatch(version):
    code = version.validation_criterion
    if not code:
        return None
    points = to_points((version.content.get("scores") or {}).get(code))
    procedures = (version.content.get("validation") or {}).get("procedures", 0)
    if points and points > 0 and not procedures:
        return _(
            "Критерий %(code)s (дял на валидираните лица) е оценен с %(points)s т., "
            "но центърът не отчита нито една процедура по валидиране."
        ) % {"code": code, "points": _fmt(points)}
    if procedures and not points:
        return _(
            "Центърът отчита %(count)s процедури по валидиране, но критерий %(code)s "
            "(дял на валидираните лица) е оценен с 0 т."
        ) % {"count": procedures, "code": code}
    return None


@check("cipo_no_without_comment", kinds=(CIPO,))
def cipo_no_without_comment(version):
    answers = version.content.get("answers") or {}
    comments = version.content.get("comments") or {}
    missing = [
        code
        for code, value in answers.items()
        if value is False and not (comments.get(code) or "").strip()
    ]
    if missing:
        return _("Отговори „не“ без коментар: показатели %(list)s.") % {
            "list": ", ".join(sorted(missing))
        }
    return None
