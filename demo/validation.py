"""Validation procedures behind the demo reports' figures, so the register and the
reports agree: each filed ЦПО report with n procedures and p persons gets n
procedures completed in its year whose persons add up to p. The demo centre also
has procedures in the current reporting year, which its open draft shows."""

import random
from datetime import date, timedelta
from itertools import pairwise

from centers.models import Center, Kind, ValidationProcedure, ValidationScope, ValidationStatus
from centers.selectors import procedures_counted_for_year
from selfassessment.models import ReportSubmission

from .centers import DEMO_CPO_LICENSE

SCOPES = [s for s, _ in ValidationScope.choices]


def _split(rng, total, parts):
    """`total` persons over `parts` procedures, at least one each."""
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, total]
    return [b - a for a, b in pairwise(bounds)]


def _procedures(rng, center, year, count, persons, last_day):
    professions = list(center.professions.all())
    procedures = []
    for applicants in _split(rng, persons, count):
        profession = rng.choice(professions)
        end = date(year, 1, 1) + timedelta(days=rng.randint(20, (last_day - date(year, 1, 1)).days))
        procedures.append(
            ValidationProcedure(
                center=center,
                profession_code=profession.profession_code,
                profession_name=profession.profession_name,
                specialty_code=profession.specialty_code,
                specialty_name=profession.specialty_name,
                scope=rng.choice(SCOPES),
                start_date=end - timedelta(days=rng.randint(14, 90)),
                end_date=end,
                applicants=applicants,
                validated=applicants - rng.randint(0, applicants // 10),
                status=ValidationStatus.COMPLETED,
            )
        )
    return procedures


def seed_procedures(current_year, today):
    """Create the procedures once: a centre and year that has any is left alone."""
    created = []
    filed = (
        ReportSubmission.objects.current()
        .filter(report__center__kind=Kind.CPO, validation_procedures__gt=0)
        .select_related("report__center")
    )
    for submission in filed:
        report = submission.report
        if procedures_counted_for_year(report.year).filter(center=report.center).exists():
            continue
        rng = random.Random(f"{report.center.license_number}-{report.year}")
        created += _procedures(
            rng,
            report.center,
            report.year,
            min(submission.validation_procedures, submission.validation_persons),
            submission.validation_persons,
            date(report.year, 12, 31),
        )
    demo = Center.objects.get(license_number=DEMO_CPO_LICENSE)
    if not ValidationProcedure.objects.filter(center=demo, start_date__year=current_year).exists():
        rng = random.Random(f"{DEMO_CPO_LICENSE}-{current_year}")
        last_day = min(date(current_year, 12, 31), today)
        created += _procedures(rng, demo, current_year, 2, 23, last_day)
        running = _procedures(rng, demo, current_year, 1, 6, last_day)[0]
        running.status, running.end_date = ValidationStatus.RUNNING, None
        created.append(running)
    ValidationProcedure.objects.bulk_create(created)
    return len(created)
