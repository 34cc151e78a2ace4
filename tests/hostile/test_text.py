"""Text that breaks storage (a lone surrogate) or passes as written (zero-width
characters only): refused or judged on what a reader sees, on every path."""

import json

import pytest
from django.core.exceptions import ValidationError

from centers.models import ValidationProcedure
from review.checks import SubmittedVersion, run_checks
from selfassessment.content import NARRATIVE_MAX_LINES, content_missing, visible_text
from selfassessment.models import Framework, Report, ReportSubmission
from selfassessment.transitions import report_create, report_return, report_update

from ..factories import (
    CenterFactory,
    FiledReportFactory,
    LicensedProfessionFactory,
    UserFactory,
    complete_content,
)
from ..selfassessment.test_import_reports import cpo_line, run_import

LONE = "Цел \ud800 на центъра"
SURROGATE_MESSAGE = "невалиден знак (несдвоен сурогат"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff \u00ad\n"


@pytest.fixture
def staff_client(api_client, center_staff):
    api_client.force_authenticate(center_staff)
    return api_client


def _patch_raw(client, report, body):
    # Written by hand: a JSON encoder would refuse the surrogate before it is sent.
    return client.generic(
        "PATCH",
        f"/api/v1/reports/{report.pk}/",
        json.dumps(body),  # ensure_ascii: "\ud800" travels as its escape
        content_type="application/json",
    )


def test_api_refuses_a_lone_surrogate_in_a_narrative_section(staff_client, draft):
    response = _patch_raw(staff_client, draft, {"version": 1, "narrative": {"goal": LONE}})

    assert response.status_code == 400
    assert SURROGATE_MESSAGE in response.json()["narrative.goal"][0]
    draft.refresh_from_db()
    assert draft.content["narrative"] == {} and draft.version == 1


def test_api_refuses_a_lone_surrogate_in_a_cipo_comment(api_client, db, year):
    center = CenterFactory(kind="CIPO")
    staff = UserFactory(centers=[center])
    report = report_create(center=center, year=year, user=staff)
    api_client.force_authenticate(staff)

    response = _patch_raw(api_client, report, {"version": 1, "comments": {"1.1": "\udfff"}})

    assert response.status_code == 400
    assert SURROGATE_MESSAGE in response.json()["comments.1.1"][0]


def test_the_forms_service_refuses_a_lone_surrogate(draft, center_staff):
    # The web form hands its text to report_update, as the API does.
    with pytest.raises(ValidationError) as error:
        report_update(
            report=draft, user=center_staff, version=1, changes={"narrative": {"goal": LONE}}
        )

    assert SURROGATE_MESSAGE in error.value.message_dict["narrative.goal"][0]


def test_form_post_with_surrogate_bytes_is_not_a_500(client, draft, center_staff):
    client.force_login(center_staff)
    # UTF-8 of U+D800, invalid: Django decodes it as U+FFFD, never as a surrogate.
    response = client.post(
        f"/reports/{draft.pk}/",
        "version=1&narrative-goal=%ED%A0%80",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code in (200, 302, 400)
    draft.refresh_from_db()
    assert "\ud800" not in draft.content["narrative"].get("goal", "")


def test_import_refuses_a_lone_surrogate_and_names_line_and_field(tmp_path, db):
    center = CenterFactory(kind="CPO")
    line = cpo_line(center)
    line["narrative"] = {**line["narrative"], "goal": LONE}
    path = tmp_path / "reports.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")

    code, _out, err = run_import(path)

    assert code == 1
    assert f"line 1: narrative.goal: Текстът съдържа {SURROGATE_MESSAGE[:14]}" in err
    assert not Report.objects.exists() and not ReportSubmission.objects.exists()


def test_return_reason_and_remark_with_a_lone_surrogate_are_field_errors(
    center, center_staff, year, expert
):
    report = FiledReportFactory(center=center, staff=center_staff, year=year)

    with pytest.raises(ValidationError) as error:
        report_return(report=report, expert=expert, reason=LONE)
    assert SURROGATE_MESSAGE in error.value.message_dict["reason"][0]

    with pytest.raises(ValidationError) as error:
        report_return(
            report=report,
            expert=expert,
            reason="Мотиви",
            remarks=[{"field": "narrative.goal", "text": LONE}],
        )
    assert SURROGATE_MESSAGE in error.value.message_dict["remarks"][0]


def test_api_return_with_a_lone_surrogate_is_a_400(api_client, center, center_staff, year, expert):
    report = FiledReportFactory(center=center, staff=center_staff, year=year)
    api_client.force_authenticate(expert)

    response = api_client.generic(
        "POST",
        f"/api/v1/reports/{report.pk}/return/",
        json.dumps({"reason": LONE}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert SURROGATE_MESSAGE in response.json()["reason"][0]


@pytest.mark.parametrize("text", ["", "   ", ZERO_WIDTH, "\u200b" * 50, "\u3164\u2800"])
def test_a_section_of_invisible_characters_is_not_written(db, text):
    spec = Framework.objects.get(code="CPO-2018").spec
    content = complete_content(spec)
    content["narrative"]["goal"] = text

    assert "narrative.goal" in content_missing(spec, content)


def test_visible_text_keeps_what_a_reader_sees():
    assert (
        visible_text(f"{ZERO_WIDTH}Цел\u200b на\u00a0центъра{ZERO_WIDTH}") == "Цел на\u00a0центъра"
    )
    assert visible_text(None) == ""


def _version(content, previous=None, usual=None):
    spec = Framework.objects.get(code="CPO-2018").spec
    return SubmittedVersion(
        spec=spec,
        content=content,
        total=None,
        previous_content=previous,
        usual_lengths=usual or {},
    )


def test_zero_width_padding_does_not_make_a_section_long_enough(db):
    spec = Framework.objects.get(code="CPO-2018").spec
    content = complete_content(spec)
    content["narrative"]["goal"] = "Кратко." + "\u200b" * 1000
    usual = dict.fromkeys(spec.section_codes, 300.0)

    assert "narrative_short" in dict(run_checks(_version(content, usual=usual)))


def test_zero_width_characters_do_not_make_a_copied_section_new(db):
    spec = Framework.objects.get(code="CPO-2018").spec
    before = complete_content(spec)
    now = complete_content(spec)
    now["narrative"]["goal"] = "\u200b" + before["narrative"]["goal"] + "\ufeff\u2060"

    assert "narrative_copied" in dict(run_checks(_version(now, previous=before)))


def test_too_many_lines_are_refused_with_the_limit_named(draft, center_staff):
    with pytest.raises(ValidationError) as error:
        report_update(
            report=draft,
            user=center_staff,
            version=1,
            changes={"narrative": {"goal": "ред\n" * (NARRATIVE_MAX_LINES + 1)}},
        )
    message = error.value.message_dict["narrative.goal"][0]
    assert f"Най-много {NARRATIVE_MAX_LINES} реда" in message

    report = report_update(
        report=draft,
        user=center_staff,
        version=1,
        changes={"narrative": {"goal": "ред\n" * NARRATIVE_MAX_LINES}},
    )
    assert report.version == 2


def test_a_cipo_comment_is_limited_by_lines_too(db, year):
    from selfassessment.content import COMMENT_MAX_LINES

    center = CenterFactory(kind="CIPO")
    staff = UserFactory(centers=[center])
    report = report_create(center=center, year=year, user=staff)

    with pytest.raises(ValidationError) as error:
        report_update(
            report=report,
            user=staff,
            version=1,
            changes={"comments": {"1.1": "\n" * (COMMENT_MAX_LINES + 1)}},
        )
    assert "comments.1.1" in error.value.message_dict


def test_api_refuses_a_lone_surrogate_in_a_validation_procedure_note(
    api_client, center, center_staff
):
    LicensedProfessionFactory(center=center, specialty_code="8110701")
    api_client.force_authenticate(center_staff)
    body = {
        "center": center.license_number,
        "specialty_code": "8110701",
        "scope": "degree_2",
        "start_date": "2024-03-01",
        "end_date": "2024-06-30",
        "applicants": 12,
        "validated": 10,
        "status": "completed",
        "note": LONE,
    }

    response = api_client.generic(
        "POST", "/api/v1/validation-procedures/", json.dumps(body), content_type="application/json"
    )

    assert response.status_code == 400
    assert SURROGATE_MESSAGE in response.json()["note"][0]
    assert not ValidationProcedure.objects.exists()


def test_a_lone_surrogate_in_a_key_is_echoed_as_its_escape_not_a_500(staff_client, draft):
    response = _patch_raw(staff_client, draft, {"version": 1, "narrative": {"go\ud800al": "Текст"}})

    assert response.status_code == 400
    assert response.json() == {
        "narrative.go\\ud800al": ["Няма раздел с код go\\ud800al в рамката."]
    }


def test_api_remark_on_a_surrogate_field_is_a_400(api_client, center, center_staff, year, expert):
    report = FiledReportFactory(center=center, staff=center_staff, year=year)
    api_client.force_authenticate(expert)

    response = api_client.generic(
        "POST",
        f"/api/v1/reports/{report.pk}/return/",
        json.dumps({"reason": "Мотиви", "remarks": [{"field": "\udc00", "text": "Текст"}]}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "remarks" in response.json()
