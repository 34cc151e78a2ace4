"""The validation procedures register and the report figures taken from it."""

from datetime import date, timedelta

import pytest

from centers.models import ValidationProcedure
from centers.selectors import validation_figures
from core.audit import audit_trail
from selfassessment.transitions import report_create, report_submit, report_update

from ..factories import (
    CenterFactory,
    LicensedProfessionFactory,
    UserFactory,
    ValidationProcedureFactory,
    complete_content,
)


@pytest.fixture
def profession(center):
    return LicensedProfessionFactory(
        center=center, specialty_code="8110701", specialty_name="Готварство"
    )


@pytest.fixture
def staff(client, center_staff):
    client.force_login(center_staff)
    return client


GOOD = {
    "specialty_code": "8110701",
    "scope": "degree_2",
    "start_date": "2024-03-01",
    "end_date": "2024-06-30",
    "applicants": "12",
    "validated": "10",
    "status": "completed",
    "note": "",
}


def test_staff_record_a_procedure(staff, center, profession, center_staff):
    response = staff.post(f"/validation/new/{center.license_number}/", GOOD)

    assert response.status_code == 302
    procedure = ValidationProcedure.objects.get()
    assert procedure.center == center
    assert procedure.specialty_name == "Готварство"
    assert procedure.profession_code == profession.profession_code
    assert [e.action for e in audit_trail(procedure)] == ["create"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"end_date": "2024-02-28"}, "end_date", "Краят е преди началото."),
        ({"validated": "13"}, "validated", "не може да са повече"),
        ({"specialty_code": "5210401"}, "specialty_code", "валиден избор"),
        ({"status": "running"}, "end_date", "Процедура в ход няма дата на край."),
        ({"status": "discontinued", "end_date": ""}, "end_date", "Въведете датата"),
        ({"end_date": (date.today() + timedelta(days=40)).isoformat()}, "end_date", "в бъдещето"),
        ({"applicants": "-1"}, "applicants", "по-голяма или равна на 0"),
        ({"start_date": "31/12/2024"}, "start_date", "валидна дата"),
        ({"scope": "degree_5"}, "scope", "валиден избор"),
        ({"start_date": ""}, "start_date", "Това поле е задължително"),
    ],
)
def test_invalid_input_gets_its_message_and_stores_nothing(
    staff, center, profession, change, field, message
):
    response = staff.post(f"/validation/new/{center.license_number}/", {**GOOD, **change})

    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert not ValidationProcedure.objects.exists()


def test_a_specialty_not_licensed_is_refused_by_the_service_too(
    api_client, center_staff, center, profession
):
    other = LicensedProfessionFactory(center=CenterFactory(), specialty_code="5210401")
    api_client.force_authenticate(center_staff)

    response = api_client.post(
        "/api/v1/validation-procedures/",
        {**GOOD, "center": center.license_number, "specialty_code": other.specialty_code},
        format="json",
    )

    assert response.status_code == 400
    assert "specialty_code" in response.json()
    assert not ValidationProcedure.objects.exists()


def test_another_centres_staff_get_404(client, api_client, center, profession):
    procedure = ValidationProcedureFactory(center=center)
    outsider = UserFactory(centers=[CenterFactory()])
    client.force_login(outsider)
    api_client.force_authenticate(outsider)

    assert client.get(f"/validation/{procedure.pk}/").status_code == 404
    assert client.post(f"/validation/{procedure.pk}/", GOOD).status_code == 404
    assert client.get(f"/validation/new/{center.license_number}/").status_code == 404
    assert api_client.get(f"/api/v1/validation-procedures/{procedure.pk}/").status_code == 404
    patch = api_client.patch(
        f"/api/v1/validation-procedures/{procedure.pk}/", {"version": 1}, format="json"
    )
    assert patch.status_code == 404
    assert api_client.get("/api/v1/validation-procedures/").json()["count"] == 0


def test_figures_for_a_year_count_procedures_completed_in_it(center):
    y = 2024
    counted = [
        ValidationProcedureFactory(
            center=center, start_date=date(2023, 11, 1), end_date=date(y, 1, 1), applicants=5
        ),
        ValidationProcedureFactory(
            center=center, start_date=date(y, 6, 1), end_date=date(y, 12, 31), applicants=7
        ),
    ]
    # On the other sides of the boundaries, or not completed:
    ValidationProcedureFactory(
        center=center, start_date=date(2023, 5, 1), end_date=date(2023, 12, 31), applicants=100
    )
    ValidationProcedureFactory(
        center=center, start_date=date(y, 10, 1), end_date=date(y + 1, 1, 1), applicants=100
    )
    ValidationProcedureFactory(
        center=center, start_date=date(y, 2, 1), end_date=None, status="running", applicants=100
    )
    ValidationProcedureFactory(
        center=center,
        start_date=date(y, 2, 1),
        end_date=date(y, 3, 1),
        status="discontinued",
        applicants=100,
    )
    ValidationProcedureFactory(end_date=date(y, 5, 5), applicants=100)  # another centre

    assert validation_figures(center, y) == {
        "procedures": len(counted),
        "persons": sum(p.applicants for p in counted),
    }


def test_report_takes_its_figures_and_keeps_them_after_later_edits(
    center, center_staff, cpo_spec, year
):
    procedure = ValidationProcedureFactory(
        center=center,
        start_date=date(year, 2, 1),
        end_date=date(year, 4, 1),
        applicants=9,
        validated=9,
    )
    report = report_create(
        center=center, year=year, user=center_staff, content=complete_content(cpo_spec)
    )
    assert report.content["validation"] == {
        "procedures": 0,
        "persons": 0,
    }  # typed figures are ignored

    report = report_submit(report=report, user=center_staff)
    snapshot = report.submissions.get()
    assert (snapshot.validation_procedures, snapshot.validation_persons) == (1, 9)
    assert report.content["validation"] == {"procedures": 1, "persons": 9}

    from centers.services import procedure_update

    procedure_update(procedure=procedure, user=center_staff, version=1, values={"applicants": 30})
    ValidationProcedureFactory(
        center=center, start_date=date(year, 5, 1), end_date=date(year, 6, 1)
    )

    snapshot.refresh_from_db()
    report.refresh_from_db()
    assert (snapshot.validation_procedures, snapshot.validation_persons) == (1, 9)
    assert snapshot.content["validation"] == {"procedures": 1, "persons": 9}
    assert report.content["validation"] == {"procedures": 1, "persons": 9}


def test_draft_form_shows_the_register_figures(staff, center, center_staff, year):
    ValidationProcedureFactory(
        center=center, start_date=date(year, 1, 10), end_date=date(year, 3, 1), applicants=4
    )
    report = report_create(center=center, year=year, user=center_staff)
    report_update(
        report=report, user=center_staff, version=1, changes={"validation": {"procedures": 50}}
    )

    page = staff.get(f"/reports/{report.pk}/").content.decode()

    assert '<dd id="validation-procedures">1</dd>' in page
    assert '<dd id="validation-persons">4</dd>' in page
    assert f"/validation/?center={center.license_number}" in page


def test_edit_with_stale_version_is_refused(staff, center, profession, center_staff):
    procedure = ValidationProcedureFactory(center=center, specialty_code="8110701")
    from centers.services import procedure_update

    procedure_update(procedure=procedure, user=center_staff, version=1, values={"note": "първа"})

    response = staff.post(f"/validation/{procedure.pk}/", {**GOOD, "version": 1, "note": "втора"})

    assert response.status_code == 409
    procedure.refresh_from_db()
    assert procedure.note == "първа"


def test_api_create_patch_and_conflict(api_client, center_staff, center, profession):
    api_client.force_authenticate(center_staff)
    created = api_client.post(
        "/api/v1/validation-procedures/", {**GOOD, "center": center.license_number}, format="json"
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]

    ok = api_client.patch(
        f"/api/v1/validation-procedures/{pk}/", {"version": 1, "validated": 11}, format="json"
    )
    assert ok.status_code == 200
    assert ok.json()["version"] == 2
    stale = api_client.patch(
        f"/api/v1/validation-procedures/{pk}/", {"version": 1, "validated": 2}, format="json"
    )
    assert stale.status_code == 409
    bad = api_client.patch(
        f"/api/v1/validation-procedures/{pk}/", {"version": 2, "validated": 99}, format="json"
    )
    assert bad.status_code == 400
    assert "validated" in bad.json()
    assert ValidationProcedure.objects.get(pk=pk).validated == 11


def test_agency_reads_the_national_register_with_filters_and_totals(client, api_client, expert):
    plovdiv = CenterFactory(region="BG-16")
    ValidationProcedureFactory(
        center=plovdiv, end_date=date(2024, 5, 1), applicants=10, validated=9
    )
    ValidationProcedureFactory(
        center=plovdiv, end_date=date(2024, 7, 1), applicants=20, validated=20
    )
    ValidationProcedureFactory(
        center=CenterFactory(region="BG-22"), end_date=date(2024, 8, 1), applicants=5
    )
    ValidationProcedureFactory(center=plovdiv, end_date=date(2023, 8, 1), applicants=50)
    client.force_login(expert)
    api_client.force_authenticate(expert)

    page = client.get("/validation/", {"year": 2024, "region": "BG-16"}).content.decode()

    assert '<dd id="total-procedures">2</dd>' in page
    assert '<dd id="total-persons">30</dd>' in page
    assert '<dd id="total-validated">29</dd>' in page
    assert '<dd id="total-centers">1</dd>' in page
    listed = api_client.get("/api/v1/validation-procedures/", {"year": 2024}).json()
    assert listed["count"] == 3
    assert api_client.post("/api/v1/validation-procedures/", {}, format="json").status_code == 403
    assert (
        client.post(f"/validation/{ValidationProcedure.objects.first().pk}/", GOOD).status_code
        == 403
    )
