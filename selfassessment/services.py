"""State changes of frameworks. A report's own changes are its transitions
(transitions.py)."""

from django.db import transaction

from .frameworks import FrameworkError, framework_parse
from .models import (
    Area,
    Criterion,
    Framework,
    Indicator,
    Level,
    NarrativeSection,
)

# --- Frameworks ---------------------------------------------------------------


@transaction.atomic
def framework_load(*, data):
    """Load a framework file's JSON; return (framework, created).

    The same file twice changes nothing; a file whose code is loaded already with
    other content is refused, since reports keep the framework they were filed under.
    """
    spec = framework_parse(data)
    existing = Framework.objects.filter(code=spec.code).first()
    if existing is not None:
        if existing.definition == data:
            return existing, False
        raise FrameworkError(
            [f"{spec.code}: already loaded with other content; give a changed framework a new code"]
        )
    framework = Framework.objects.create(
        code=spec.code,
        kind=spec.kind,
        title=spec.title,
        approved_by=spec.approved_by,
        valid_from_year=spec.valid_from_year,
        max_points=spec.max_points,
        definition=data,
    )
    NarrativeSection.objects.bulk_create(
        NarrativeSection(framework=framework, code=s.code, title=s.title, position=i)
        for i, s in enumerate(spec.sections)
    )
    position = 0
    for area_position, area_spec in enumerate(spec.areas):
        area = Area.objects.create(
            framework=framework,
            code=area_spec.code,
            title=area_spec.title,
            max_points=area_spec.max_points,
            position=area_position,
        )
        for criterion_spec in area_spec.criteria:
            criterion = Criterion.objects.create(
                framework=framework,
                area=area,
                code=criterion_spec.code,
                title=criterion_spec.title,
                indicator=criterion_spec.indicator,
                max_points=criterion_spec.max_points,
                position=position,
            )
            position += 1
            Level.objects.bulk_create(
                Level(criterion=criterion, points=lv.points, label=lv.label, position=i)
                for i, lv in enumerate(criterion_spec.levels)
            )
    indicator_position = 0
    for criterion_position, criterion_spec in enumerate(spec.cipo_criteria):
        criterion = Criterion.objects.create(
            framework=framework,
            code=criterion_spec.code,
            title=criterion_spec.title,
            position=criterion_position,
        )
        for indicator_spec in criterion_spec.indicators:
            Indicator.objects.create(
                framework=framework,
                criterion=criterion,
                code=indicator_spec.code,
                title=indicator_spec.title,
                position=indicator_position,
            )
            indicator_position += 1
    return framework, True
