import pytest
from django.utils import timezone

from selfassessment.deadlines import is_on_time
from selfassessment.models import Report, ReportStatus
from selfassessment.transitions import report_submit, report_update

from ..factories import CenterFactory, complete_content


@pytest.fixture
def staff_client(api_client, center_staff):
    api_client.force_authenticate(center_staff)
    return api_client


def test_create_list_and_read(staff_client, center, year, cpo_spec):
    response = staff_client.post(
        "/api/v1/reports/",
        {"center": center.license_number, "year": year, "scores": {"1.1": 2}},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["center"] == center.license_number
    assert body["framework"] == "CPO-2018"
    assert body["status"] == "draft"
    assert body["version"] == 1
    assert body["scores"] == {"1.1": 2}
    assert body["total_score"] == 2
    assert body["quality_level"] == "unsatisfactory"
    listed = staff_client.get("/api/v1/reports/", {"year": year}).json()
    assert [r["id"] for r in listed["results"]] == [body["id"]]
    assert staff_client.get(f"/api/v1/reports/{body['id']}/").json()["scores"] == {"1.1": 2}


def test_points_that_are_not_a_level_are_refused_with_the_field_named(staff_client, draft):
    response = staff_client.patch(
        f"/api/v1/reports/{draft.pk}/", {"version": 1, "scores": {"1.3": 2}}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["scores.1.3"]
    draft.refresh_from_db()
    assert draft.content["scores"] == {}


def test_patch_requires_version_and_a_stale_one_is_409(staff_client, draft):
    missing = staff_client.patch(
        f"/api/v1/reports/{draft.pk}/", {"scores": {"1.1": 1}}, format="json"
    )
    assert missing.status_code == 400
    assert "version" in missing.json()

    ok = staff_client.patch(
        f"/api/v1/reports/{draft.pk}/", {"version": 1, "scores": {"1.1": 1}}, format="json"
    )
    assert ok.status_code == 200
    assert ok.json()["version"] == 2

    stale = staff_client.patch(
        f"/api/v1/reports/{draft.pk}/", {"version": 1, "scores": {"1.1": 2}}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    draft.refresh_from_db()
    assert draft.content["scores"] == {"1.1": 1}
    assert draft.version == 2


def test_submit_lists_everything_missing_then_succeeds(staff_client, draft, cpo_spec):
    incomplete = staff_client.post(f"/api/v1/reports/{draft.pk}/submit/", {}, format="json")

    assert incomplete.status_code == 400
    errors = incomplete.json()
    assert len(errors) == len(cpo_spec.criteria) + len(cpo_spec.sections)
    assert "narrative.goal" in errors

    staff_client.patch(
        f"/api/v1/reports/{draft.pk}/",
        {"version": 1, **complete_content(cpo_spec, pick=1)},
        format="json",
    )
    done = staff_client.post(f"/api/v1/reports/{draft.pk}/submit/", {"version": 2}, format="json")

    assert done.status_code == 200, done.json()
    body = done.json()
    assert body["status"] == "submitted"
    assert body["submitted_at"] is not None
    assert body["on_time"] is is_on_time(timezone.now(), draft.year)
    assert body["submissions"][0]["receipt_url"] == f"/reports/{draft.pk}/receipt/1.pdf"
    assert body["total_score"] == body["submissions"][0]["total_score"]


def test_edits_after_submission_are_refused(staff_client, draft, center_staff, cpo_spec):
    report = report_update(
        report=draft, user=center_staff, version=1, changes=complete_content(cpo_spec)
    )
    report = report_submit(report=report, user=center_staff)

    response = staff_client.patch(
        f"/api/v1/reports/{draft.pk}/",
        {"version": report.version, "scores": {"1.1": 0}},
        format="json",
    )

    assert response.status_code == 400
    assert "status" in response.json()
    assert Report.objects.get(pk=draft.pk).status == ReportStatus.SUBMITTED


def test_another_centres_staff_get_404(api_client, draft, other_center_staff):
    api_client.force_authenticate(other_center_staff)

    assert api_client.get(f"/api/v1/reports/{draft.pk}/").status_code == 404
    assert (
        api_client.patch(f"/api/v1/reports/{draft.pk}/", {"version": 1}, format="json").status_code
        == 404
    )
    assert api_client.post(f"/api/v1/reports/{draft.pk}/submit/").status_code == 404
    assert api_client.get("/api/v1/reports/").json()["count"] == 0


def test_staff_cannot_create_for_another_centre(staff_client, year):
    other = CenterFactory()

    response = staff_client.post(
        "/api/v1/reports/", {"center": other.license_number, "year": year}, format="json"
    )

    assert response.status_code == 400
    assert "center" in response.json()
    assert not Report.objects.filter(center=other).exists()


def test_agency_users_read_all_but_cannot_edit(api_client, draft, expert, administrator):
    for user in (expert, administrator):
        api_client.force_authenticate(user)
        assert api_client.get(f"/api/v1/reports/{draft.pk}/").status_code == 200
        patch = api_client.patch(
            f"/api/v1/reports/{draft.pk}/", {"version": 1, "scores": {"1.1": 2}}, format="json"
        )
        assert patch.status_code == 403
        assert api_client.post(f"/api/v1/reports/{draft.pk}/submit/").status_code == 403
        created = api_client.post(
            "/api/v1/reports/",
            {"center": draft.center.license_number, "year": draft.year},
            format="json",
        )
        assert created.status_code == 403
    draft.refresh_from_db()
    assert draft.content["scores"] == {}


def test_anonymous_gets_nothing(api_client, draft):
    listed = api_client.get("/api/v1/reports/")
    assert listed.status_code == 401
    assert listed["WWW-Authenticate"] == "Token"
    assert api_client.get(f"/api/v1/reports/{draft.pk}/").status_code == 401


def test_filters(api_client, expert, draft, year):
    api_client.force_authenticate(expert)
    cipo = CenterFactory(kind="CIPO", region="BG-03")
    from selfassessment.transitions import report_create

    report_create(center=cipo, year=year, user=None)

    def ids(**query):
        return sorted(r["id"] for r in api_client.get("/api/v1/reports/", query).json()["results"])

    assert len(ids()) == 2
    assert ids(kind="CIPO") == [Report.objects.get(center=cipo).pk]
    assert ids(region="BG-22") == [draft.pk]
    assert ids(center=draft.center.license_number) == [draft.pk]
    assert ids(status="submitted") == []
    assert api_client.get("/api/v1/reports/", {"kind": "X"}).status_code == 400


def test_malformed_json_is_400(staff_client, draft):
    response = staff_client.generic(
        "PATCH",
        f"/api/v1/reports/{draft.pk}/",
        '{"version": 1, "scores": ',
        content_type="application/json",
    )
    assert response.status_code == 400


def test_detail_compares_with_the_previous_report(
    staff_client, draft, center, center_staff, cpo_spec
):
    from selfassessment.transitions import report_create

    previous = report_create(
        center=center,
        year=draft.year - 1,
        user=center_staff,
        content=complete_content(cpo_spec, pick=0),
    )
    report_submit(report=previous, user=center_staff)
    report_update(
        report=draft, user=center_staff, version=1, changes={"scores": {"1.1": 2, "1.3": 1.5}}
    )

    body = staff_client.get(f"/api/v1/reports/{draft.pk}/").json()

    compared = body["comparison"]
    assert compared["previous_year"] == draft.year - 1
    assert compared["criteria"]["1.1"] == {"previous": 0, "current": 2, "change": 2}
    assert compared["criteria"]["2.1"] == {"previous": 0, "current": None, "change": None}
    assert compared["areas"]["1"] == {"previous": 0, "current": 3.5, "change": 3.5}


def test_narrative_with_a_nul_character_is_a_field_error(staff_client, draft):
    response = staff_client.patch(
        f"/api/v1/reports/{draft.pk}/",
        {"version": 1, "narrative": {"goal": "Цел\u0000"}},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "narrative.goal": ["Текстът съдържа нулев знак (U+0000), който не е допустим."]
    }
    draft.refresh_from_db()
    assert draft.content["narrative"] == {}


def test_prefer_return_minimal_answers_with_the_new_version_only(staff_client, draft):
    response = staff_client.patch(
        f"/api/v1/reports/{draft.pk}/",
        {"version": 1, "narrative": {"goal": "Цел"}},
        format="json",
        HTTP_PREFER="return=minimal",
    )

    assert response.status_code == 200
    assert response["Preference-Applied"] == "return=minimal"
    assert set(response.json()) == {"id", "version", "status", "updated_at"}
    assert response.json()["version"] == 2
    draft.refresh_from_db()
    assert draft.content["narrative"] == {"goal": "Цел"}
