"""What a report page shows: the framework's structure with the chosen values,
last year's values and, when editing, the form's fields. Used by the form, the
read-only view and the receipt alike."""

import dataclasses
from dataclasses import dataclass
from typing import Any, cast

from .forms import field_name
from .frameworks import json_number
from .kinds import Comparison, kind_of
from .labels import content_label
from .models import QualityLevel


@dataclass
class CriterionRow:
    code: str
    title: str
    indicator: str
    max_points: object
    chosen: object = None
    chosen_label: str = ""
    previous: object = None
    previous_label: str = ""
    change: object = None
    field: object = None
    anchor: str = ""
    remarks: list = dataclasses.field(default_factory=list)


@dataclass
class AreaBlock:
    code: str
    title: str
    max_points: object
    total: object
    previous_total: object
    criteria: list = dataclasses.field(default_factory=list)


@dataclass
class IndicatorRow:
    code: str
    title: str
    answer: object = None
    comment: str = ""
    previous_answer: object = None
    field: object = None
    comment_field: object = None
    anchor: str = ""
    remarks: list = dataclasses.field(default_factory=list)


@dataclass
class SectionBlock:
    code: str
    title: str
    text: str = ""
    field: object = None
    anchor: str = ""
    remarks: list = dataclasses.field(default_factory=list)


def _label(criterion, points):
    level = criterion.level_for(points) if points is not None else None
    return level.label if level else ""


def report_layout(spec, content, previous_content=None, form=None, remarks=None):
    """The page structure of a report: areas → criteria (ЦПО) or criteria →
    indicators (ЦИПО), narrative sections, totals, the comparison with the
    previous report and an expert's remarks ({content key: [texts]}) beside their fields."""
    remarks = remarks or {}

    def bound(key):
        return form[field_name(key)] if form is not None else None

    layout: dict[str, Any] = {"areas": [], "cipo_criteria": [], "sections": [], "score": None}
    kind = kind_of(spec)
    if kind.scored:
        # A scored kind always compares (kinds.TrainingCentreKind).
        compared = cast(Comparison, kind.comparison(spec, content, previous_content))
        layout["score"] = kind.score(spec, content)
        for area in spec.areas:
            before, now, _change = compared["areas"][area.code]
            block = AreaBlock(area.code, area.title, area.max_points, now, before)
            for criterion in area.criteria:
                previous, chosen, change = compared["criteria"][criterion.code]
                block.criteria.append(
                    CriterionRow(
                        code=criterion.code,
                        title=criterion.title,
                        indicator=criterion.indicator,
                        max_points=criterion.max_points,
                        chosen=chosen,
                        chosen_label=_label(criterion, chosen),
                        previous=previous,
                        previous_label=_label(criterion, previous),
                        change=change,
                        field=bound(f"scores.{criterion.code}"),
                        anchor=f"f-{field_name('scores.' + criterion.code)}",
                        remarks=remarks.get(f"scores.{criterion.code}", []),
                    )
                )
            layout["areas"].append(block)
    else:
        answers = content.get("answers") or {}
        comments = content.get("comments") or {}
        previous_answers = (previous_content or {}).get("answers") or {}
        for criterion in spec.cipo_criteria:
            rows = [
                IndicatorRow(
                    code=i.code,
                    title=i.title,
                    answer=answers.get(i.code),
                    comment=comments.get(i.code, ""),
                    previous_answer=previous_answers.get(i.code),
                    field=bound(f"answers.{i.code}"),
                    comment_field=bound(f"comments.{i.code}"),
                    anchor=f"f-{field_name('answers.' + i.code)}",
                    remarks=remarks.get(f"answers.{i.code}", []),
                )
                for i in criterion.indicators
            ]
            layout["cipo_criteria"].append(
                {"code": criterion.code, "title": criterion.title, "indicators": rows}
            )
    narrative = content.get("narrative") or {}
    for section in spec.sections:
        layout["sections"].append(
            SectionBlock(
                code=section.code,
                title=section.title,
                text=narrative.get(section.code, ""),
                field=bound(f"narrative.{section.code}"),
                anchor=f"f-{field_name('narrative.' + section.code)}",
                remarks=remarks.get(f"narrative.{section.code}", []),
            )
        )
    return layout


def error_links(errors, spec):
    """[(anchor, label, message)] for an error summary that links to each field."""
    return [
        (f"f-{field_name(key)}", content_label(spec, key), message)
        for key, messages in errors.items()
        for message in messages
    ]


def quality_bands(spec):
    """The bands for the live total in the form's script, named in the user's
    language by their fixed codes (the framework file's labels are Bulgarian)."""
    names = dict(QualityLevel.choices)
    return [
        {"code": q.code, "label": str(names.get(q.code, q.label)), "min": json_number(q.min_score)}
        for q in spec.quality_levels
    ]
