"""Reading the register. Permission scoping of validation procedures lives here."""

from datetime import date

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce

from accounts.permissions import visible_to

from .models import Center, LicenseStatus, ValidationProcedure, ValidationStatus


def procedures_visible_to(user):
    """Agency users see every procedure; centre staff their centres' only."""
    return visible_to(user, ValidationProcedure.objects.select_related("center"))


def procedures_counted_for_year(year, procedures=None):
    """The procedures that ran in `year`: completed, with the end date in that year
    (the one definition; see ValidationProcedure)."""
    procedures = ValidationProcedure.objects.all() if procedures is None else procedures
    return procedures.filter(
        status=ValidationStatus.COMPLETED,
        end_date__gte=date(year, 1, 1),
        end_date__lte=date(year, 12, 31),
    )


def procedure_totals(procedures):
    """Procedures, persons who went through them, persons validated, centres."""
    totals = procedures.aggregate(
        procedures=Count("pk"),
        persons=Coalesce(Sum("applicants"), 0),
        validated=Coalesce(Sum("validated"), 0),
        centers=Count("center", distinct=True),
    )
    return totals


def validation_figures(center: Center, year: int) -> dict[str, int]:
    """A report's validation figures for `year`, from the register."""
    totals = procedure_totals(procedures_counted_for_year(year).filter(center=center))
    return {"procedures": totals["procedures"], "persons": totals["persons"]}


def center_was_licensed_in(center: Center, year: int) -> bool:
    """Whether `center` was licensed (CONTRACT.md §2) on at least one day of `year`.

    The status changes only on the dates of its history, so it is enough to look at
    the first day the licence could count (1 January or the licence date, whichever
    is later) and at every change within the rest of the year.
    """
    first = max(date(year, 1, 1), center.license_date)
    last = date(year, 12, 31)
    if first > last:
        return False
    if Center.objects.licensed_on(first).filter(pk=center.pk).exists():
        return True
    return center.status_history.filter(
        since__gt=first, since__lte=last, status=LicenseStatus.ACTIVE
    ).exists()
