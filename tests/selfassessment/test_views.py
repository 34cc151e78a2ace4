import io

import pytest
from pypdf import PdfReader

from selfassessment.models import Report, ReportStatus
from selfassessment.transitions import report_submit, report_update

from ..factories import complete_content


def form_data(report, content, action="save"):
    """The POST a browser sends for `content` (field names as the form's)."""
    data = {"version": report.version, "action": action}
    for code, points in (content.get("scores") or {}).items():
        data[f"scores-{code.replace('.', '-')}"] = str(points)
    for code, text in (content.get("narrative") or {}).items():
        data[f"narrative-{code}"] = text
    for name, value in (content.get("validation") or {}).items():
        data[f"validation-{name}"] = value
    return data


@pytest.fixture
def staff(client, center_staff):
    client.force_login(center_staff)
    return client


def test_list_offers_to_start_the_current_year(staff, center, year):
    page = staff.get("/reports/").content.decode()
    assert f"Започни доклада за {year} г." in page

    response = staff.post("/reports/start/", {"center": center.pk})

    report = Report.objects.get(center=center, year=year)
    assert response["Location"] == f"/reports/{report.pk}/"


def test_form_shows_levels_with_points_and_last_years_choice(
    staff, draft, center_staff, cpo_spec, center
):
    from selfassessment.transitions import report_create

    previous = report_create(
        center=center,
        year=draft.year - 1,
        user=center_staff,
        content=complete_content(cpo_spec, pick=0),
    )
    report_submit(report=previous, user=center_staff)

    page = staff.get(f"/reports/{draft.pk}/").content.decode()

    assert "3 и повече канала — 2 т." in page
    assert "Предходен доклад:" in page
    assert "Не се популяризира — 0 т." in page
    assert 'id="score-total"' in page


def test_save_without_javascript_keeps_partial_content(staff, draft):
    response = staff.post(
        f"/reports/{draft.pk}/",
        {
            "version": 1,
            "action": "save",
            "scores-1-1": "2",
            "scores-1-3": "1.5",
            "narrative-goal": "Цел.",
        },
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.content["scores"] == {"1.1": 2, "1.3": 1.5}
    assert draft.content["narrative"]["goal"] == "Цел."
    page = staff.get(response["Location"]).content.decode()
    assert "Черновата е запазена" in page
    assert "3,5" in page  # area total, Bulgarian decimal comma


def test_points_that_are_not_a_level_are_refused_on_the_field(staff, draft):
    response = staff.post(
        f"/reports/{draft.pk}/", {"version": 1, "action": "save", "scores-1-1": "1.5"}
    )

    assert response.status_code == 400
    assert 'id="f-scores-1-1"' in response.content.decode()
    assert "field-invalid" in response.content.decode()
    draft.refresh_from_db()
    assert draft.content["scores"] == {}


def test_stale_save_is_refused_and_keeps_what_was_typed(staff, draft, center_staff):
    report_update(report=draft, user=center_staff, version=1, changes={"scores": {"1.1": 1}})

    response = staff.post(
        f"/reports/{draft.pk}/",
        {"version": 1, "action": "save", "narrative-goal": "Моят нов текст"},
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Нищо не е презаписано" in page
    assert "Моят нов текст" in page
    draft.refresh_from_db()
    assert draft.content["scores"] == {"1.1": 1}
    assert "goal" not in draft.content["narrative"]


def test_submit_lists_everything_missing_with_links(staff, draft, cpo_spec):
    response = staff.post(
        f"/reports/{draft.pk}/", {"version": 1, "action": "submit", "scores-1-1": "2"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#f-scores-2-14"' in page
    assert 'href="#f-narrative-measures"' in page
    assert 'href="#f-scores-1-1"' not in page
    draft.refresh_from_db()
    assert draft.content["scores"] == {"1.1": 2}  # what was typed is saved


def test_confirm_then_submit_then_read_only(staff, draft, cpo_spec):
    content = complete_content(cpo_spec, pick=1)
    response = staff.post(f"/reports/{draft.pk}/", form_data(draft, content, action="submit"))
    assert response["Location"] == f"/reports/{draft.pk}/confirm/"
    draft.refresh_from_db()

    confirm = staff.get(response["Location"]).content.decode()
    assert "Потвърдете подаването" in confirm
    assert "Добро" in confirm or "Задоволително" in confirm

    done = staff.post(response["Location"], {"version": draft.version})
    assert done.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ReportStatus.SUBMITTED

    page = staff.get(f"/reports/{draft.pk}/").content.decode()
    assert 'id="report-form"' not in page
    assert "Разписка (PDF)" in page
    refused = staff.post(f"/reports/{draft.pk}/", form_data(draft, content))
    assert refused.status_code == 403


def test_receipt_pdf_holds_centre_total_and_level(staff, draft, center_staff, cpo_spec, center):
    report = report_update(
        report=draft, user=center_staff, version=1, changes=complete_content(cpo_spec)
    )
    report_submit(report=report, user=center_staff)

    response = staff.get(f"/reports/{draft.pk}/receipt/1.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert center.name in text
    assert "100" in text
    assert "Отлично" in text
    assert "Цел на самооценяването" in text


def test_another_centres_staff_get_404_on_page_confirm_and_receipt(
    client, draft, center_staff, other_center_staff, cpo_spec
):
    report = report_update(
        report=draft, user=center_staff, version=1, changes=complete_content(cpo_spec)
    )
    report_submit(report=report, user=center_staff)
    client.force_login(other_center_staff)

    assert client.get(f"/reports/{draft.pk}/").status_code == 404
    assert client.post(f"/reports/{draft.pk}/", {"version": 1}).status_code == 404
    assert client.get(f"/reports/{draft.pk}/confirm/").status_code == 404
    assert client.get(f"/reports/{draft.pk}/receipt/1.pdf").status_code == 404


def test_agency_users_read_but_cannot_change(client, draft, expert):
    client.force_login(expert)

    page = client.get(f"/reports/{draft.pk}/")
    assert page.status_code == 200
    assert 'id="report-form"' not in page.content.decode()
    assert (
        client.post(f"/reports/{draft.pk}/", {"version": 1, "scores-1-1": "2"}).status_code == 403
    )
    assert client.post(f"/reports/{draft.pk}/confirm/", {"version": 1}).status_code == 403
    draft.refresh_from_db()
    assert draft.content["scores"] == {}


def test_narrative_html_is_escaped(staff, draft, center_staff):
    report_update(
        report=draft,
        user=center_staff,
        version=1,
        changes={"narrative": {"goal": "<script>alert(1)</script>"}},
    )

    page = staff.get(f"/reports/{draft.pk}/").content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_page_shows_who_changed_what(staff, draft, center_staff, cpo_spec):
    report_update(report=draft, user=center_staff, version=1, changes={"scores": {"1.1": 2}})

    page = staff.get(f"/reports/{draft.pk}/").content.decode()

    assert "История на промените" in page
    # The criterion by its title (selfassessment/labels.py), not its content path.
    assert (
        f"променен ({center_staff.get_full_name()}): 1.1. {cpo_spec.criterion('1.1').title}" in page
    )
    assert "scores.1.1" not in page
    assert center_staff.get_full_name() in page
