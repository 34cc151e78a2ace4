"""The review screen: the report first, the decision panel after it, remarks pinned by
name, acceptance in two steps, last year's report beside this one."""

import re
from datetime import date, timedelta

import pytest

from centers.models import Kind
from selfassessment.models import Remark, Report, ReportStatus
from selfassessment.transitions import report_accept, report_update

from ..factories import (
    AdministratorFactory,
    CenterFactory,
    DraftReportFactory,
    FiledReportFactory,
    complete_content,
)


@pytest.fixture
def agency(client, expert):
    client.force_login(expert)
    return client


def _remarks_post(report, rows, **extra):
    data = {
        "version": report.version,
        "reason": "Моля, поправете.",
        "due_date": (date.today() + timedelta(days=14)).isoformat(),
        "remarks-TOTAL_FORMS": str(len(rows)),
        "remarks-INITIAL_FORMS": "0",
        "remarks-MIN_NUM_FORMS": "0",
        "remarks-MAX_NUM_FORMS": "50",
    }
    for i, (field, text) in enumerate(rows):
        data[f"remarks-{i}-field"] = field
        data[f"remarks-{i}-text"] = text
    data.update(extra)
    return data


def test_content_comes_before_the_decision_panel(agency, submitted):
    page = agency.get(f"/review/{submitted.pk}/").content.decode()

    assert page.index('id="report-content"') < page.index('id="decision"')
    assert 'class="decision-panel"' in page
    # The remark targets are chosen by name, grouped as in the framework.
    spec = submitted.framework.spec
    first = spec.criteria[0]
    assert f'<option value="scores.{first.code}">{first.code}. {first.title}</option>' in page
    assert f'<optgroup label="{spec.areas[0].code}. {spec.areas[0].title}">' in page
    assert "Добави бележка" in page
    assert page.count('class="remark-row"') == 3 + 1  # three rows and the script's template


def test_accepting_asks_first_and_says_the_report_will_be_locked(agency, submitted):
    confirm = agency.get(f"/review/{submitted.pk}/accept/")
    assert confirm.status_code == 200
    assert "ще бъде заключен" in confirm.content.decode()
    assert Report.objects.get(pk=submitted.pk).status == ReportStatus.SUBMITTED

    # A post without the confirmation only shows the question again.
    agency.post(f"/review/{submitted.pk}/accept/", {"version": submitted.version})
    assert Report.objects.get(pk=submitted.pk).status == ReportStatus.SUBMITTED

    agency.post(f"/review/{submitted.pk}/accept/", {"version": submitted.version, "confirm": "1"})
    assert Report.objects.get(pk=submitted.pk).status == ReportStatus.ACCEPTED


def test_accepted_report_offers_no_take_or_assign(client, submitted, expert):
    administrator = AdministratorFactory()
    report_accept(report=submitted, expert=expert)
    client.force_login(administrator)

    page = client.get(f"/review/{submitted.pk}/").content.decode()
    assert "Поемам доклада" not in page
    assert "Разпредели" not in page
    assert "Отвори отново" in page
    # Nor does the confirmation step accept it twice.
    response = client.get(f"/review/{submitted.pk}/accept/", follow=True)
    assert "Приема се само подаден доклад" in response.content.decode()


def test_return_with_more_remarks_than_rows_stores_them_by_name(agency, submitted):
    spec = submitted.framework.spec
    rows = [
        (f"scores.{spec.criteria[0].code}", "Първа забележка."),
        ("", ""),
        ("", ""),
        (f"narrative.{spec.sections[0].code}", "Втора забележка."),
        ("", "Обща забележка."),
    ]
    response = agency.post(f"/review/{submitted.pk}/return/", _remarks_post(submitted, rows))
    assert response.status_code == 302

    stored = list(Remark.objects.filter(decision__report=submitted).values_list("field", "text"))
    assert stored == [rows[0], rows[3], rows[4]]
    page = agency.get(f"/review/{submitted.pk}/").content.decode()
    assert f"<strong>{spec.criteria[0].code}. {spec.criteria[0].title}</strong>: Първа" in page
    assert f"<strong>{spec.sections[0].title}</strong>: Втора забележка." in page
    assert "<code>scores." not in page


def test_a_bad_return_keeps_what_was_typed(agency, submitted):
    spec = submitted.framework.spec
    rows = [(f"scores.{spec.criteria[1].code}", "")]  # a name chosen, no text
    response = agency.post(
        f"/review/{submitted.pk}/return/",
        _remarks_post(submitted, rows, reason="Мотивите, които написах."),
    )
    page = response.content.decode()

    assert response.status_code == 400
    assert "Забележка 1: текстът е празен." in page
    assert "Мотивите, които написах." in page
    assert Report.objects.get(pk=submitted.pk).status == ReportStatus.SUBMITTED

    response = agency.post(
        f"/review/{submitted.pk}/return/", _remarks_post(submitted, [], reason="")
    )
    assert response.status_code == 400
    assert "Докладът не е върнат" in response.content.decode()


def _previous_column(page):
    """The cells of the "previous report" column of the read-only content."""
    return re.findall(r'<td class="number"[^>]*>([^<]*)</td>\s*</tr>', page)


def test_previous_report_column_is_filled_for_the_expert_and_on_confirmation(
    client, center, center_staff, expert, year
):
    FiledReportFactory(center=center, staff=center_staff, year=year - 1, pick=0)
    report = FiledReportFactory(center=center, staff=center_staff, year=year, pick=-1)
    client.force_login(expert)

    cells = _previous_column(client.get(f"/review/{report.pk}/").content.decode())
    assert cells and all(cell.strip() == "0" for cell in cells)


def test_previous_report_column_is_filled_on_the_confirmation_step(
    client, center, center_staff, year
):
    FiledReportFactory(center=center, staff=center_staff, year=year - 1, pick=0)
    draft = DraftReportFactory(center=center, staff=center_staff, year=year, content=None)
    report_update(
        report=draft,
        user=center_staff,
        version=draft.version,
        changes=complete_content(draft.framework.spec),
    )
    client.force_login(center_staff)

    page = client.get(f"/reports/{draft.pk}/confirm/").content.decode()
    cells = _previous_column(page)
    assert len(cells) == len(draft.framework.spec.criteria)
    assert all(cell.strip() == "0" for cell in cells)


def test_cipo_remarks_are_pinned_to_indicators_by_name(client, expert, year):
    center = CenterFactory(kind=Kind.CIPO)
    report = FiledReportFactory(center=center, year=year)
    spec = report.framework.spec
    criterion = spec.cipo_criteria[0]
    indicator = criterion.indicators[0]
    client.force_login(expert)

    page = client.get(f"/review/{report.pk}/").content.decode()
    assert f'<optgroup label="{criterion.code}. {criterion.title}">' in page
    assert f'<option value="answers.{indicator.code}">{indicator.code}. {indicator.title}' in page
    assert "scores." not in page
