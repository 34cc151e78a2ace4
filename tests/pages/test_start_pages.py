"""Each role's start page: the centre's state and next step, what waits for the
agency, what needs an administrator (pages/selectors.py, pages/views.py)."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from centers.models import Center, Kind
from centers.services import centers_import_file
from core.importing import ImportFileError, recent_imports
from core.models import PendingTask
from pages.selectors import center_statuses_for, center_year_status, review_waiting
from reports.models import Analysis, AnalysisStatus
from selfassessment.deadlines import SOFIA, deadline
from selfassessment.models import Decision, Report
from selfassessment.transitions import report_assign, report_return, report_submit

from ..factories import (
    CenterFactory,
    ExpertFactory,
    FiledReportFactory,
    ValidationProcedureFactory,
    valid_eik,
)

pytestmark = pytest.mark.django_db


def _return(report, expert, *, remarks=2, due_in=7):
    return report_return(
        report=report,
        expert=expert,
        reason="Непълен доклад.",
        remarks=[{"field": "", "text": f"Забележка {i}"} for i in range(remarks)],
        due_date=timezone.localdate() + timedelta(days=due_in),
    )


def test_not_started_before_the_deadline_counts_the_days_and_offers_to_start(center, year):
    now = datetime(year + 1, 1, 21, 10, 0, tzinfo=SOFIA)

    status = center_year_status(center, year, now=now)

    assert status.state == "not_started"
    assert status.days_left == 10
    assert not status.is_late
    assert status.deadline == deadline(year)
    assert status.next_action.method == "post"
    assert status.next_action.url == reverse("selfassessment:start")
    assert status.next_action.fields == {"center": str(center.pk)}
    assert str(year) in status.next_action.label


def test_after_the_deadline_it_is_late_by_whole_days(center, year):
    now = datetime(year + 1, 2, 3, 0, 30, tzinfo=SOFIA)

    status = center_year_status(center, year, now=now)

    assert status.is_late
    assert status.days_overdue == 3


def test_draft_shows_its_last_save_and_continues_the_form(draft, center, year):
    status = center_year_status(center, year)

    assert status.state == "draft"
    assert status.saved_at == draft.updated_at
    assert status.next_action.url == reverse("selfassessment:detail", args=[draft.pk])
    assert status.next_action.method == "get"
    assert status.receipt is None


def test_submitted_report_has_its_receipt_and_on_time_flag(center, center_staff, year):
    report = FiledReportFactory(center=center, staff=center_staff, year=year)

    status = center_year_status(center, year)

    assert status.state == "submitted"
    assert status.on_time is report.submitted_on_time
    assert status.submitted_at == report.last_submitted_at
    assert status.receipt is not None and status.receipt.number == 1
    assert status.next_action.url == reverse("selfassessment:detail", args=[report.pk])


def test_returned_report_counts_remarks_and_due_date_and_comes_first(center_staff, year):
    expert = ExpertFactory()
    first = CenterFactory(name="А — първи по азбука")
    second = CenterFactory(name="Я — последен по азбука")
    center_staff.centers.add(first, second)
    FiledReportFactory(center=first, staff=center_staff, year=year)
    returned = FiledReportFactory(center=second, staff=center_staff, year=year)
    _return(returned, expert, remarks=3, due_in=5)

    statuses = center_statuses_for(center_staff)

    assert statuses[0].center == second
    assert statuses[0].state == "returned"
    assert statuses[0].remarks == 3
    assert statuses[0].due_date == timezone.localdate() + timedelta(days=5)
    assert not statuses[0].correction_overdue
    assert "Поправи" in statuses[0].next_action.label
    # The rest by name; the fixture's own centre is among them.
    rest = [s.center.name for s in statuses[1:]]
    assert rest == sorted(rest)


def test_validation_figures_are_the_registers_for_the_year_and_only_for_cpo(year):
    cpo = CenterFactory(kind=Kind.CPO)
    ValidationProcedureFactory(
        center=cpo,
        start_date=datetime(year, 3, 1).date(),
        end_date=datetime(year, 6, 30).date(),
        applicants=12,
        validated=9,
    )
    cipo = CenterFactory(kind=Kind.CIPO)

    assert center_year_status(cpo, year).validation == {"procedures": 1, "persons": 12}
    assert center_year_status(cipo, year).validation is None


def test_start_page_lists_only_the_users_centres_with_state_and_button(
    client, center_staff, center, year
):
    other = CenterFactory(name="Чужд център ООД")
    client.force_login(center_staff)

    page = client.get("/dashboard/").content.decode()

    assert center.name in page
    assert other.name not in page
    assert "Не е започнат" in page
    assert f"Започни доклада за {year} г." in page
    assert f'name="center" value="{center.pk}"' in page


def test_waiting_counts_for_an_expert(year):
    expert, colleague = ExpertFactory(), ExpertFactory()
    mine = FiledReportFactory(year=year)
    report_assign(report=mine, expert=expert, by=expert)
    FiledReportFactory(year=year)  # nobody's
    taken = FiledReportFactory(year=year)
    report_assign(report=taken, expert=colleague, by=colleague)
    again = FiledReportFactory(year=year)
    again = _return(again, expert)
    report_submit(report=again, user=again.center.staff.first())
    late = _return(FiledReportFactory(year=year), expert)
    Decision.objects.filter(report=late).update(due_date=timezone.localdate() - timedelta(days=1))

    waiting = review_waiting(expert)

    assert waiting == {"mine": 1, "unassigned": 2, "resubmitted": 1, "overdue": 1}


def test_queue_filters_resubmitted_and_overdue(client, year):
    expert = ExpertFactory()
    again = _return(FiledReportFactory(year=year), expert)
    again = report_submit(report=again, user=again.center.staff.first())
    late = _return(FiledReportFactory(year=year), expert)
    Decision.objects.filter(report=late).update(due_date=timezone.localdate() - timedelta(days=2))
    in_time = _return(FiledReportFactory(year=year), expert)
    plain = FiledReportFactory(year=year)
    client.force_login(expert)

    def listed(query):
        page = client.get(f"/review/?{query}")
        assert page.status_code == 200
        return {r.pk for r in page.context["page"].object_list}

    assert listed("resubmitted=yes") == {again.pk}
    # The start page's "submitted, no expert" link lists what its count counts.
    assert listed("status=submitted&expert=null") == {again.pk, plain.pk}
    assert review_waiting(expert)["unassigned"] == 2
    assert listed("overdue=yes") == {late.pk}
    assert in_time.pk not in listed("overdue=yes")
    assert plain.pk in listed("resubmitted=no")
    # A value from nowhere is a form error (an empty list), never a 500.
    assert listed("overdue=maybe") == set()


def test_expert_start_page_shows_counts_campaign_and_links_into_the_queue(client, year):
    expert = ExpertFactory()
    FiledReportFactory(year=year)
    CenterFactory.create_batch(2)  # expected, not filed
    client.force_login(expert)

    response = client.get("/dashboard/")
    page = response.content.decode()

    assert response.context["waiting"]["unassigned"] == 1
    campaign = response.context["campaign"]
    assert campaign["expected"] == Center.objects.count() == 3
    assert campaign["filed"] == 1 and campaign["not_filed"] == 2
    assert "/review/?status=submitted&amp;expert=null" in page
    assert f"/review/?status=submitted&amp;expert={expert.pk}" in page
    assert "/review/?resubmitted=yes" in page
    assert "/review/?overdue=yes" in page
    assert "Нужда от администратор" not in page


def test_administrator_sees_failed_jobs_waiting_jobs_and_imports(client, administrator, year):
    Analysis.objects.create(year=year, kind="CPO", status=AnalysisStatus.FAILED, error="boom")
    PendingTask.objects.create(name="reports.tasks.build_analysis", args=[1], error="refused")
    client.force_login(administrator)

    response = client.get("/dashboard/")
    page = response.content.decode()

    attention = response.context["attention"]
    assert attention["failed_count"] == 1
    assert attention["pending_count"] == 1
    assert "1 неуспешен анализ" in page
    assert "1 задача чака Redis" in page
    assert "Още няма импорти." in page


CSV_HEADER = (
    "license_number,kind,name,eik,region,municipality,address,license_date,status,"
    "status_since,website,email,phone\n"
)


def test_imports_are_recorded_with_their_result(administrator):
    good = CSV_HEADER + (
        f"200999001,CPO,ЦПО Импорт,{valid_eik()},BG-22,Столична,ул. 1,2015-01-01,active,,,,\n"
    )
    centers_import_file(data=good.encode(), user=administrator, source="admin")
    with pytest.raises(ImportFileError):
        centers_import_file(data=(CSV_HEADER + "x,CPO,,1,BG-99,,,,,,,,\n").encode())

    refused, accepted = recent_imports()

    assert accepted.ok and accepted.created == 1 and accepted.actor == administrator.email
    assert accepted.source == "admin"
    assert not refused.ok and refused.errors >= 2 and refused.source == "command"
    assert refused.first_errors[0].startswith("line 2: ")
    assert Report.objects.count() == 0
