"""Editing, publishing and reading an analysis through the API; good practices."""

import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from reports.models import Analysis, GoodPractice, StatisticsPublication
from reports.practices import practice_mark
from selfassessment.models import Report

from ..factories import AdministratorFactory, ExpertFactory, FiledReportFactory, UserFactory
from .test_rendering import build, combined, pdf_text  # noqa: F401 - the fixture
from .test_statistics import data_set  # noqa: F401 - the hand-computed fixture


def patch(client, analysis, body):
    return client.patch(f"/api/v1/analyses/{analysis.pk}/", body, format="json")


@pytest.fixture
def draft(combined):  # noqa: F811
    return build("ALL")


def test_an_analysis_shows_its_sections_and_version(api_client, expert, draft):
    api_client.force_authenticate(expert)

    body = api_client.get(f"/api/v1/analyses/{draft.pk}/").json()

    assert body["kind"] == "ALL" and body["version"] == 1 and body["published_at"] is None
    assert set(body["sections"][0]) == {"code", "title", "text", "generated"}
    titles = [s["title"] for s in body["sections"]]
    assert titles[-3:] == ["Изводи", "Препоръки към ЦПО", "Препоръки към ЦИПО"]


def test_the_combined_document_is_the_default(api_client, expert, db, settings):
    from navet_portal.celery import app

    app.conf.task_always_eager = False  # queued, no worker
    try:
        api_client.force_authenticate(expert)
        response = api_client.post("/api/v1/analyses/", {"year": 2024}, format="json")
    finally:
        app.conf.task_always_eager = True

    assert response.status_code == 202 and response.json()["kind"] == "ALL"


def test_edit_rebuilds_the_pdf_and_a_stale_edit_is_refused(
    api_client, expert, draft, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(expert)
    text = "НАПОО отбелязва **напредък**.\n\n- първо\n- второ"

    with django_capture_on_commit_callbacks(execute=True):
        response = patch(api_client, draft, {"version": 1, "sections": {"conclusions": text}})

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["version"] == 2
    assert next(s for s in body["sections"] if s["code"] == "conclusions")["text"] == text
    draft.refresh_from_db()
    assert draft.status == "done" and draft.version == 2
    assert "НАПОО отбелязва напредък." in pdf_text(draft.pdf.read())

    stale = patch(api_client, draft, {"version": 1, "sections": {"conclusions": "Друго."}})
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    draft.refresh_from_db()
    assert draft.sections[-3]["text"] == text  # nothing overwritten


def test_edit_errors_name_the_field(api_client, expert, draft):
    api_client.force_authenticate(expert)

    unknown = patch(api_client, draft, {"version": 1, "sections": {"nonsense": "x"}})
    not_text = patch(api_client, draft, {"version": 1, "sections": {"gaps": ["x"]}})
    too_long = patch(api_client, draft, {"version": 1, "sections": {"gaps": "я" * 20_001}})
    no_version = patch(api_client, draft, {"sections": {"gaps": "x"}})

    assert unknown.status_code == 400 and "sections" in unknown.json()
    assert "Няма такъв раздел" in unknown.json()["sections"][0]
    assert not_text.status_code == 400 and "sections" in not_text.json()
    assert too_long.status_code == 400 and "20000" in str(too_long.json())
    assert no_version.status_code == 400 and "version" in no_version.json()
    draft.refresh_from_db()
    assert draft.version == 1


def test_only_agency_users_edit(api_client, draft, center_staff):
    assert patch(api_client, draft, {"version": 1, "sections": {"gaps": "x"}}).status_code == 401
    api_client.force_authenticate(center_staff)
    # A draft does not exist for them.
    assert patch(api_client, draft, {"version": 1, "sections": {"gaps": "x"}}).status_code == 403


def test_drafts_are_the_agencys(api_client, draft, center_staff, expert):
    for user in (None, center_staff):
        api_client.force_authenticate(user)
        assert api_client.get("/api/v1/analyses/").json() == []
        assert api_client.get(f"/api/v1/analyses/{draft.pk}/").status_code == 404
        assert api_client.get(f"/api/v1/analyses/{draft.pk}/pdf/").status_code == 404
        assert api_client.get(f"/statistics/analyses/{draft.pk}/").status_code == 404
        assert api_client.get(f"/statistics/analyses/{draft.pk}/docx/").status_code == 404
    api_client.force_authenticate(expert)
    assert [a["id"] for a in api_client.get("/api/v1/analyses/").json()] == [draft.pk]
    assert api_client.get(f"/api/v1/analyses/{draft.pk}/pdf/").status_code == 200


def test_publish_freezes_the_analysis_and_publishes_the_statistics(
    api_client, draft, expert, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(expert)
    with django_capture_on_commit_callbacks(execute=True):
        patch(api_client, draft, {"version": 1, "sections": {"gaps": "Пропуски не са установени."}})
    assert api_client.post(f"/api/v1/analyses/{draft.pk}/publish/").status_code == 403

    administrator = AdministratorFactory()
    api_client.force_authenticate(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        published = api_client.post(f"/api/v1/analyses/{draft.pk}/publish/")

    assert published.status_code == 200, published.json()
    assert published.json()["published_at"]
    draft.refresh_from_db()
    assert draft.status == "done" and draft.published_by == administrator
    publications = StatisticsPublication.objects.filter(analysis=draft)
    assert sorted(p.kind for p in publications) == ["CIPO", "CPO"]
    assert {p.year for p in publications} == {2024}
    # Immutable: no edit, no second publication.
    refused = patch(api_client, draft, {"version": 2, "sections": {"gaps": "Друго."}})
    assert refused.status_code == 400 and "Публикуваният анализ" in str(refused.json())
    assert api_client.post(f"/api/v1/analyses/{draft.pk}/publish/").status_code == 400
    # Public: the list, the PDF without the draft mark, the HTML page and the DOCX.
    api_client.force_authenticate(None)
    assert [a["id"] for a in api_client.get("/api/v1/analyses/").json()] == [draft.pk]
    pdf = api_client.get(f"/api/v1/analyses/{draft.pk}/pdf/")
    text = pdf_text(b"".join(pdf.streaming_content))
    assert "Пропуски не са установени." in text and "ПРОЕКТ" not in text
    page = api_client.get(f"/statistics/analyses/{draft.pk}/")
    assert page.status_code == 200 and "Пропуски не са установени." in page.content.decode()
    docx = Document(io.BytesIO(api_client.get(f"/statistics/analyses/{draft.pk}/docx/").content))
    assert "Пропуски не са установени." in "\n".join(p.text for p in docx.paragraphs)
    assert api_client.get("/api/v1/statistics/2024/", {"kind": "CIPO"}).status_code == 200


def test_publishing_freezes_the_figures_the_document_was_built_from(
    api_client, draft, django_capture_on_commit_callbacks
):
    """A report filed between building the analysis and publishing it is in neither
    the document nor the public figures: they agree."""
    built = draft.statistics["statistics"]["submitted"]
    FiledReportFactory(year=2024)
    api_client.force_authenticate(AdministratorFactory())
    assert api_client.get("/api/v1/statistics/2024/").json()["submitted"] == built + 1

    with django_capture_on_commit_callbacks(execute=True):
        assert api_client.post(f"/api/v1/analyses/{draft.pk}/publish/").status_code == 200

    api_client.force_authenticate(None)
    public = api_client.get("/api/v1/statistics/2024/").json()
    assert public["published"] is True and public["submitted"] == built


def test_a_new_draft_from_a_published_analysis_keeps_its_text(
    client, draft, django_capture_on_commit_callbacks
):
    from reports.services import analysis_draft_from, analysis_edit, analysis_publish

    administrator = AdministratorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        analysis_edit(
            analysis=draft, user=administrator, version=1, sections={"gaps": "Текст на НАПОО."}
        )
    draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        analysis_publish(analysis=draft, user=administrator)
    draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        new = analysis_draft_from(analysis=draft, user=administrator)

    new.refresh_from_db()
    assert new.pk != draft.pk and new.drafted_from == draft and new.published_at is None
    assert new.status == "done"
    assert next(s for s in new.sections if s["code"] == "gaps")["text"] == "Текст на НАПОО."


def test_regenerate_restores_the_portals_text(
    client, draft, expert, django_capture_on_commit_callbacks
):
    original = next(s for s in draft.sections if s["code"] == "cpo_levels")["text"]
    client.force_login(expert)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/statistics/analyses/{draft.pk}/edit/",
            {"version": 1, "section-cpo_levels": "Съкратено.", "action": "save"},
        )
    draft.refresh_from_db()
    assert draft.sections[5]["text"] == "Съкратено." and draft.version == 2

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/statistics/analyses/{draft.pk}/edit/",
            {"version": 2, "action": "regenerate:cpo_levels"},
        )
    draft.refresh_from_db()
    assert draft.sections[5]["text"] == original and draft.version == 3


def test_a_stale_save_in_the_browser_keeps_the_text_on_the_form(client, draft, expert):
    client.force_login(expert)
    Analysis.objects.filter(pk=draft.pk).update(version=5)  # someone saved meanwhile

    page = client.post(
        f"/statistics/analyses/{draft.pk}/edit/",
        {"version": 1, "section-gaps": "Моят текст, който не бива да се губи.", "action": "save"},
    )

    content = page.content.decode()
    assert page.status_code == 200
    assert "Анализът е променен от друг потребител" in content
    assert "Моят текст, който не бива да се губи." in content
    draft.refresh_from_db()
    assert "Моят текст" not in str(draft.sections)


# --- Good practices -----------------------------------------------------------------------


@pytest.fixture
def narrated(data_set):  # noqa: F811
    report = Report.objects.filter(status="submitted").select_related("center").first()
    latest = report.submissions.get(is_latest=True)
    latest.content["narrative"] = {
        "achievements": "Партньорство с три фирми. Обучение на преподавателите по дигитални умения."
    }
    latest.save()
    return report


def test_an_expert_marks_a_passage_as_a_good_practice(narrated):
    expert = ExpertFactory()

    practice = practice_mark(
        report=narrated,
        section="achievements",
        passage="Обучение на преподавателите  по дигитални умения.",
        note="Пример за препоръките",
        user=expert,
    )

    assert practice.report == narrated and practice.marked_by == expert
    with pytest.raises(ValidationError) as error:
        practice_mark(
            report=narrated, section="achievements", passage="Друго", note="", user=expert
        )
    assert "passage" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        practice_mark(report=narrated, section="goal", passage="", note="", user=expert)
    assert "section" in error.value.message_dict
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        practice_mark(
            report=narrated,
            section="achievements",
            passage="",
            note="",
            user=UserFactory(centers=[narrated.center]),
        )


def test_marked_practices_are_the_editors_source_not_the_documents(
    client, narrated, django_capture_on_commit_callbacks
):
    expert = ExpertFactory()
    client.force_login(expert)
    response = client.post(
        f"/review/{narrated.pk}/practice/",
        {"section": "achievements", "passage": "Партньорство с три фирми.", "note": "Бизнес"},
    )
    assert response.status_code == 302
    assert GoodPractice.objects.get().passage == "Партньорство с три фирми."
    review = client.get(f"/review/{narrated.pk}/").content.decode()
    assert "Партньорство с три фирми." in review and "Отбележи откъс" in review

    analysis = build("CPO")
    editor = client.get(f"/statistics/analyses/{analysis.pk}/edit/").content.decode()
    assert "Партньорство с три фирми." in editor and narrated.center.name in editor
    text = pdf_text(analysis.pdf.read())
    assert narrated.center.name not in text and "Партньорство" not in text


def test_centre_staff_cannot_mark_practices(client, narrated):
    client.force_login(UserFactory(centers=[narrated.center]))

    response = client.post(
        f"/review/{narrated.pk}/practice/", {"section": "achievements", "passage": ""}
    )

    assert response.status_code == 403
    assert not GoodPractice.objects.exists()
