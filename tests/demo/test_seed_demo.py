import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from accounts.models import Role, User
from centers.eik import is_valid_eik
from centers.models import Center, LicensedProfession, LicenseStatusChange, ValidationProcedure
from centers.regions import REGIONS
from centers.selectors import validation_figures
from demo.centers import DEMO_CIPO_LICENSE, DEMO_CPO_LICENSE
from reports.models import StatisticsPublication
from reports.publication import published_statistics, published_years
from selfassessment.content import content_missing
from selfassessment.deadlines import current_reporting_year
from selfassessment.models import Report, ReportSubmission, SubmissionScore


def snapshot():
    return (
        list(Center.objects.order_by("pk").values()),
        list(LicenseStatusChange.objects.order_by("pk").values()),
        list(LicensedProfession.objects.order_by("pk").values()),
        list(User.objects.order_by("pk").values("email", "role", "password")),
        list(Report.objects.order_by("pk").values()),
        list(ReportSubmission.objects.order_by("pk").values()),
        list(SubmissionScore.objects.order_by("pk").values()),
        list(ValidationProcedure.objects.order_by("pk").values()),
        list(StatisticsPublication.objects.order_by("pk").values()),
    )


def check_register(out):
    centers = Center.objects.all()
    assert 840 <= centers.filter(kind="CPO").count() <= 860
    assert centers.filter(kind="CIPO").count() == 36
    assert set(centers.values_list("region", flat=True)) == set(REGIONS)
    assert all(is_valid_eik(eik) for eik in centers.values_list("eik", flat=True))
    assert centers.filter(status="suspended").exists()
    assert centers.filter(status="revoked").exists()
    assert {u.role for u in User.objects.all()} == set(Role.values)
    staff = User.objects.get(email="centre@demo.navet.bg")
    assert staff.centers.filter(kind="CPO").exists()
    assert staff.check_password("navet-demo-2025")
    printed = out.getvalue()
    for email in ("centre@demo.navet.bg", "expert@demo.navet.bg", "admin@demo.navet.bg"):
        assert email in printed


def check_reports(out):
    filed = Report.objects.exclude(status="draft")
    assert set(filed.values_list("year", flat=True)) == {2021, 2022, 2023, 2024}
    assert not any(
        content_missing(report.framework.spec, report.content)
        for report in filed.select_related("framework")
    )
    licensed = Center.objects.licensed_on(date(2024, 12, 31))
    assert not filed.filter(year=2024).exclude(center__in=licensed)

    latest = ReportSubmission.objects.filter(
        is_latest=True, report__year=2024, report__center__kind="CPO"
    )
    levels = dict(latest.values_list("quality_level").annotate(n=Count("pk")))
    assert levels["good"] > 0.7 * latest.count()
    assert levels["excellent"] and levels["satisfactory"] and levels["unsatisfactory"]
    assert latest.filter(total_score=0).exists()
    validating = latest.filter(validation_procedures__gt=0)
    assert 5 <= validating.count() <= 20
    assert not SubmissionScore.objects.filter(
        submission__in=latest.filter(validation_procedures=0), criterion__code="2.13"
    ).exclude(points=0)

    reports_2024 = Report.objects.filter(year=2024)
    assert reports_2024.filter(submitted_on_time=False).exists()
    assert reports_2024.filter(submitted_on_time=True).count() > 0.9 * reports_2024.count()
    assert {"accepted", "submitted", "returned"} <= set(
        reports_2024.values_list("status", flat=True)
    )
    assert licensed.filter(kind="CPO").exclude(reports__year=2024).exists()

    for license_number in (DEMO_CPO_LICENSE, DEMO_CIPO_LICENSE):
        center = Center.objects.get(license_number=license_number)
        assert center.reports.filter(year=2024, status="accepted").exists()
    year = current_reporting_year(timezone.localdate())
    draft = Report.objects.get(center__license_number=DEMO_CPO_LICENSE, year=year)
    assert draft.status == "draft"
    assert draft.content["scores"] and draft.content["narrative"]
    assert content_missing(draft.framework.spec, draft.content)  # still to fill in
    assert f"reports: created {filed.count()}, updated 0, unchanged 0" in out.getvalue()


def check_procedures():
    """The register holds the procedures behind every filed report's figures."""
    filed = ReportSubmission.objects.filter(is_latest=True, report__center__kind="CPO")
    for submission in filed.filter(validation_procedures__gt=0):
        figures = validation_figures(submission.report.center, submission.report.year)
        assert figures == {
            "procedures": submission.validation_procedures,
            "persons": submission.validation_persons,
        }
    assert 10 <= filed.filter(validation_procedures__gt=0, report__year=2024).count() <= 16
    demo = Center.objects.get(license_number=DEMO_CPO_LICENSE)
    year = current_reporting_year(timezone.localdate())
    assert validation_figures(demo, year)["procedures"] == 2


def check_publications(out):
    """The past years are public, as `make run` shows them; the open year is not."""
    year = current_reporting_year(timezone.localdate())
    assert published_years("CPO") == [2021, 2022, 2023, 2024]
    for kind in ("CPO", "CIPO"):
        filed = Report.objects.filter(
            center__kind=kind, status__in=["submitted", "returned", "accepted"]
        )
        past = sorted(set(filed.filter(year__lt=year).values_list("year", flat=True)))
        assert past and published_years(kind) == past
        assert year not in published_years(kind)
    snapshot_2024 = published_statistics(2024, "CPO").statistics
    assert (
        snapshot_2024["submitted"]
        == Report.objects.filter(
            year=2024, center__kind="CPO", status__in=["submitted", "returned", "accepted"]
        ).count()
    )
    assert "statistics published: CIPO 2024" in out.getvalue()


@pytest.mark.django_db
def test_seed_demo_builds_the_register_and_reports_and_is_idempotent(settings):
    settings.DEBUG = True  # as `make run` has it
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    first = snapshot()

    check_register(out)
    check_reports(out)
    check_procedures()
    check_publications(out)

    settings.DEBUG = False
    again = io.StringIO()
    call_command("seed_demo", stdout=again, force_in_production=True)

    assert snapshot() == first
    assert "draft opened" not in again.getvalue()


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_with_debug_off(settings, monkeypatch):
    from django.core.management import CommandError

    settings.DEBUG = False
    monkeypatch.delenv("SEED_DEMO_FORCE", raising=False)
    with pytest.raises(CommandError) as exc:
        call_command("seed_demo", stdout=io.StringIO())

    assert exc.value.returncode == 1
    assert "DEBUG" in str(exc.value)
    assert not User.objects.filter(email__endswith="@demo.navet.bg").exists()
    assert not Center.objects.exists()
