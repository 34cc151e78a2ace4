"""What the statistics count is kept added up by every change that alters it
(selfassessment/counting.py): after each, the counts equal a recount of the
snapshots from scratch, and the statistics read them."""

import io
import json
import threading

from django.db import connection, transaction
from django.test import TestCase

from centers.importing import write_centers_csv
from centers.models import Center
from centers.services import centers_import_file
from reports.statistics import statistics_for_year
from selfassessment.counting import counted_differences
from selfassessment.models import CountedScore, CountedTotal, Framework
from selfassessment.transitions import (
    report_accept,
    report_annul,
    report_reopen,
    report_return,
    report_submit,
    report_update,
    reports_import_file,
)

from ..commands import run_manage
from ..factories import (
    CenterFactory,
    DraftReportFactory,
    FiledReportFactory,
    UserFactory,
    complete_content,
)
from .test_import_reports import cipo_line, cpo_line


def assert_counted_as_recounted():
    assert counted_differences() == {}


def totals(year, kind, region):
    return {
        name: int(value)
        for name, value in CountedTotal.objects.filter(
            year=year, kind=kind, region=region
        ).values_list("name", "value")
        if value
    }


def test_every_transition_keeps_the_counts(center, expert, administrator, year):
    first = FiledReportFactory(center=center, year=year, pick=-1)
    second = FiledReportFactory(year=year, pick=0, center__region="BG-02")
    assert_counted_as_recounted()
    scores = CountedScore.objects.filter(year=year).values_list("reports", flat=True)
    assert sum(scores) == 2 * len(first.framework.spec.criteria)
    assert totals(year, "CPO", "BG-02")["reports"] == 1

    staff = UserFactory(centers=[second.center])
    returned = report_return(report=second, expert=expert, reason="Уточнете критерий 1.1.")
    assert_counted_as_recounted()  # still counted: returned reports count
    content = complete_content(returned.framework.spec, pick=-1)
    changed = report_update(report=returned, user=staff, version=returned.version, changes=content)
    report_submit(report=changed, user=staff)
    assert_counted_as_recounted()
    statistics = statistics_for_year(year, "CPO")
    assert statistics.submitted == 2
    assert statistics.scored.levels == {
        "excellent": 2,
        "good": 0,
        "satisfactory": 0,
        "unsatisfactory": 0,
    }

    accepted = report_accept(report=first, expert=expert)
    report_reopen(report=accepted, administrator=administrator, reason="Проверка.")
    assert_counted_as_recounted()
    report_annul(report=first, administrator=administrator, reason="Без лиценз.")
    assert_counted_as_recounted()
    assert totals(year, "CPO", center.region) == {}
    assert statistics_for_year(year, "CPO").submitted == 1


def test_imports_keep_the_counts_new_corrected_and_withdrawn(db):
    cpo, other, cipo = CenterFactory(), CenterFactory(region="BG-04"), CenterFactory(kind="CIPO")
    lines = [cpo_line(cpo), cpo_line(other, year=2023), cipo_line(cipo)]
    reports_import_file(data="\n".join(map(_json, lines)))
    assert_counted_as_recounted()
    assert statistics_for_year(2024, "CPO").submitted == 1
    assert statistics_for_year(2023, "CPO").submitted == 1

    spec = Framework.objects.get(code="CPO-2018").spec
    lowest = {c.code: min(c.levels, key=lambda level: level.points) for c in spec.criteria}
    lowered = {code: level.raw for code, level in lowest.items()}
    corrected = [
        cpo_line(cpo, scores=lowered),  # a new snapshot replaces the counted one
        cpo_line(other, year=2023, status="draft", submitted_at=None),  # withdrawn
        cipo_line(cipo, status="accepted"),  # the same snapshot, another status
    ]
    reports_import_file(data="\n".join(map(_json, corrected)))
    assert_counted_as_recounted()
    assert statistics_for_year(2024, "CPO").scored.average_score == float(
        sum(level.points for level in lowest.values())
    )
    assert statistics_for_year(2023, "CPO").submitted == 0
    assert statistics_for_year(2024, "CIPO").submitted == 1


def _json(line):
    return json.dumps(line, ensure_ascii=False)


def test_a_centre_moved_by_an_import_takes_its_reports_to_its_new_region(center, year):
    FiledReportFactory(center=center, year=year)
    FiledReportFactory(year=year, center__region=center.region)
    out = io.StringIO()
    write_centers_csv(Center.objects.filter(pk=center.pk).iterator(), out)
    moved = out.getvalue().replace(f",{center.region},", ",BG-09,")
    assert moved != out.getvalue()

    with TestCase.captureOnCommitCallbacks(execute=True):
        centers_import_file(data=moved.encode())

    assert_counted_as_recounted()
    regions = {r.region: r.submitted for r in statistics_for_year(year, "CPO").regions}
    assert regions == {center.region: 1, "BG-09": 1}


def test_a_centre_moved_in_the_admin_takes_its_reports_to_its_new_region(
    client, administrator, center, year
):
    FiledReportFactory(center=center, year=year)
    client.force_login(administrator)
    history = center.status_history.get()
    data = {
        **{
            field: getattr(center, field)
            for field in ("license_number", "kind", "name", "eik", "municipality", "address")
        },
        "region": "BG-09",
        "license_date": center.license_date.isoformat(),
        "website": center.website,
        "email": center.email,
        "phone": center.phone,
        "status_history-TOTAL_FORMS": 1,
        "status_history-INITIAL_FORMS": 1,
        "status_history-0-id": history.pk,
        "status_history-0-center": center.pk,
        "status_history-0-status": history.status,
        "status_history-0-since": history.since.isoformat(),
        "professions-TOTAL_FORMS": 0,
        "professions-INITIAL_FORMS": 0,
    }

    response = client.post(f"/admin/centers/center/{center.pk}/change/", data)

    assert response.status_code == 302, response.context["errors"]
    assert_counted_as_recounted()
    assert [r.region for r in statistics_for_year(year, "CPO").regions] == ["BG-09"]


def test_a_report_counts_under_its_frameworks_kind_whatever_its_centre_becomes(center, year):
    FiledReportFactory(center=center, year=year)
    Center.objects.filter(pk=center.pk).update(kind="CIPO")

    assert statistics_for_year(year, "CPO").submitted == 1
    assert statistics_for_year(year, "CIPO").submitted == 0


def test_two_submissions_at_once_are_both_counted(transactional_db, year):
    drafts = []
    for region in ("BG-01", "BG-02"):
        draft = DraftReportFactory(year=year, center__region=region)
        staff = UserFactory(centers=[draft.center])
        content = complete_content(draft.framework.spec)
        drafts.append((report_update(report=draft, user=staff, version=1, changes=content), staff))
    counting_held = threading.Event()

    def submit_and_hold(report, staff):
        # Keeps its transaction, and the count rows it changed, open a moment.
        try:
            with transaction.atomic():
                report_submit(report=report, user=staff)
                counting_held.set()
                threading.Event().wait(0.5)
        finally:
            connection.close()

    thread = threading.Thread(target=submit_and_hold, args=drafts[0])
    thread.start()
    assert counting_held.wait(10)
    report_submit(report=drafts[1][0], user=drafts[1][1])  # waits for the first to commit
    thread.join()

    assert_counted_as_recounted()
    assert statistics_for_year(year, "CPO").submitted == 2


def test_recount_statistics_says_when_the_counts_drifted_and_counts_again(transactional_db, year):
    FiledReportFactory(year=year)
    assert run_manage("recount_statistics", "--check").returncode == 0
    CountedTotal.objects.filter(year=year, name="reports").update(value=5)

    checked = run_manage("recount_statistics", "--check")
    assert checked.returncode == 1
    assert "selfassessment_countedtotal: 2 row(s) differed" in checked.stderr
    assert statistics_for_year(year, "CPO").submitted == 5  # what a drift would publish

    assert run_manage("recount_statistics").returncode == 0
    assert run_manage("recount_statistics", "--check").returncode == 0
    assert statistics_for_year(year, "CPO").submitted == 1
