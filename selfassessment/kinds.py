"""How a ЦИПО report differs from a ЦПО one: one object per kind, chosen once from
the framework (`kind_of(spec)`), so that no code elsewhere asks "is this a ЦПО?".

- ЦПО (centre for vocational training): scores every criterion with one of its
  levels' points; total, areas and quality level follow (scoring.py); validation
  figures come from the procedures register at submission.
- ЦИПО (centre for information and vocational guidance): answers every indicator
  yes or no, with an optional comment each; no points, no quality level.
Both write the framework's narrative sections.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from .scoring import Score, score, to_points

if TYPE_CHECKING:  # frameworks → kinds: a cycle at run time
    from .frameworks import FrameworkSpec

# A report's content (content.py) and what is still missing in it: {dotted key: [message]}.
Content = dict[str, Any]
Errors = dict[str, list[str]]
# {code: (previous, current, change)} for "criteria" and "areas".
Comparison = dict[str, dict[str, tuple[Decimal | None, Decimal | None, Decimal | None]]]

# How a yes/no answer travels in a form.
YES, NO = "yes", "no"


class ReportKind:
    """What every kind answers. Pure: no database."""

    code = ""
    # The content parts a report of this kind holds (CONTRACT.md §4).
    parts: tuple[str, ...] = ()
    # Scored with points and a quality level (ЦПО), or answered yes/no (ЦИПО).
    scored = False
    # Carries validation figures from the procedures register.
    has_validation = False
    # The snapshot rows statistics read: "scores" or "answers".
    rows = ""

    def empty_content(self, spec: "FrameworkSpec") -> Content:
        raise NotImplementedError

    def foreign_part_message(self) -> str:
        """Said of a content part that belongs to the other kind."""
        raise NotImplementedError

    def missing(self, spec: "FrameworkSpec", content: Content) -> Errors:
        """{dotted key: [message]} for what is not yet filled in (narrative aside)."""
        raise NotImplementedError

    def answer_codes(self, spec: "FrameworkSpec") -> list[str]:
        """The codes every report of this kind must answer in its `rows` part."""
        raise NotImplementedError

    def absent_messages(self) -> tuple[str, str]:
        """What an import says of (one absent answer, the whole part absent)."""
        raise NotImplementedError

    def score(self, spec: "FrameworkSpec", content: Content) -> Score | None:
        return None

    def comparison(
        self, spec: "FrameworkSpec", content: Content, previous_content: Content | None
    ) -> Comparison | None:
        return None

    def form_changes(self, spec: "FrameworkSpec", value_of: Callable[[str], Any]) -> Content:
        """The form's scores or answers as content; `value_of(key)` reads a field."""
        raise NotImplementedError


class TrainingCentreKind(ReportKind):
    code = "CPO"
    parts = ("scores", "narrative", "validation")
    scored = True
    has_validation = True
    rows = "scores"

    def empty_content(self, spec: "FrameworkSpec") -> Content:
        return {"narrative": {}, "scores": {}, "validation": {"procedures": 0, "persons": 0}}

    def foreign_part_message(self) -> str:
        return _("Докладът на ЦПО има точки по критерии, не отговори да/не.")

    def missing(self, spec: "FrameworkSpec", content: Content) -> Errors:
        scores = content.get("scores") or {}
        return {
            f"scores.{c.code}": [_("Изберете ниво.")]
            for c in spec.criteria
            if scores.get(c.code) is None
        }

    def answer_codes(self, spec: "FrameworkSpec") -> list[str]:
        return [c.code for c in spec.criteria]

    def absent_messages(self) -> tuple[str, str]:
        return (
            _("Липсват точки по критерия."),
            _("Задължително поле: точки за всеки критерий на рамката."),
        )

    def score(self, spec: "FrameworkSpec", content: Content) -> Score:
        return score(spec, content.get("scores") or {})

    def comparison(
        self, spec: "FrameworkSpec", content: Content, previous_content: Content | None
    ) -> Comparison:
        """Criterion by criterion and area by area, this report against the previous
        one (matched by code): {"criteria": {code: (previous, current, change)},
        "areas": {code: (previous, current, change)}}; previous is None when absent."""
        now_scores = content.get("scores") or {}
        before_scores = (previous_content or {}).get("scores") or {}
        criteria: dict[str, tuple[Decimal | None, Decimal | None, Decimal | None]] = {}
        for criterion in spec.criteria:
            now = to_points(now_scores.get(criterion.code))
            before = to_points(before_scores.get(criterion.code))
            change = now - before if now is not None and before is not None else None
            criteria[criterion.code] = (before, now, change)
        areas: dict[str, tuple[Decimal | None, Decimal | None, Decimal | None]] = {}
        for area in spec.areas:
            now = sum((criteria[c.code][1] or Decimal(0) for c in area.criteria), Decimal(0))
            befores = [points for c in area.criteria if (points := criteria[c.code][0]) is not None]
            before = sum(befores, Decimal(0)) if befores else None
            areas[area.code] = (before, now, now - before if before is not None else None)
        return {"criteria": criteria, "areas": areas}

    def form_changes(self, spec: "FrameworkSpec", value_of: Callable[[str], Any]) -> Content:
        return {"scores": {c.code: value_of(f"scores.{c.code}") or None for c in spec.criteria}}


class GuidanceCentreKind(ReportKind):
    code = "CIPO"
    parts = ("answers", "comments", "narrative")
    rows = "answers"

    def empty_content(self, spec: "FrameworkSpec") -> Content:
        return {"narrative": {}, "answers": {}, "comments": {}}

    def foreign_part_message(self) -> str:
        return _("Докладът на ЦИПО има отговори да/не, не точки.")

    def missing(self, spec: "FrameworkSpec", content: Content) -> Errors:
        answers = content.get("answers") or {}
        return {
            f"answers.{code}": [_("Отговорете с „да“ или „не“.")]
            for code in spec.indicator_codes
            if not isinstance(answers.get(code), bool)
        }

    def answer_codes(self, spec: "FrameworkSpec") -> list[str]:
        return list(spec.indicator_codes)

    def absent_messages(self) -> tuple[str, str]:
        return (
            _("Липсва отговор „да“ (true) или „не“ (false)."),
            _("Задължително поле: отговор за всеки показател на рамката."),
        )

    def form_changes(self, spec: "FrameworkSpec", value_of: Callable[[str], Any]) -> Content:
        answers = {YES: True, NO: False}
        return {
            "answers": {
                i.code: answers.get(value_of(f"answers.{i.code}")) for i in spec.indicators
            },
            "comments": {i.code: value_of(f"comments.{i.code}") for i in spec.indicators},
        }


CPO = TrainingCentreKind()
CIPO = GuidanceCentreKind()
KINDS: dict[str, ReportKind] = {k.code: k for k in (CPO, CIPO)}


def kind_of(spec: "FrameworkSpec") -> ReportKind:
    """The rules of the framework's kind."""
    return KINDS[spec.kind]
