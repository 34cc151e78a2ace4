import pytest
from django.utils import timezone

from reports.models import Analysis
from reports.publication import statistics_publish
from selfassessment.transitions import report_submit, report_update

from ..factories import CenterFactory, UserFactory, complete_content
from .test_statistics import (
    CPO_KEYS,
    data_set,  # noqa: F401 - the hand-computed fixture
)


def test_statistics_shape_and_rounding(api_client, data_set, administrator):  # noqa: F811
    statistics_publish(year=2024, kind="CPO", user=administrator)  # public from now on
    response = api_client.get("/api/v1/statistics/2024/", {"kind": "CPO"})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "year",
        "kind",
        "licensed_centers",
        "submitted",
        "submitted_on_time",
        "submitted_late",
        "on_time_percent",
        "zero_value_reports",
        "levels",
        "average_score",
        "average_level",
        "areas",
        "criteria",
        "validation",
        "regions",
        "published",
        "published_at",
    }
    assert list(body) == [*CPO_KEYS, "published", "published_at"]  # and in this order
    assert body["published"] is True
    assert body["average_score"] == 60.56
    assert body["on_time_percent"] == 87.5
    criterion = next(c for c in body["criteria"] if c["code"] == "1.1")
    assert criterion == {
        "code": "1.1",
        "title": "Популяризиране на предлаганото обучение",
        "max_points": 2.0,
        "average": 0.63,
        "distribution": {"0": 5, "1": 1, "2": 2},
    }
    assert set(body["areas"][0]) == {"code", "title", "max_points", "average", "percent"}


def test_trends(api_client, data_set, expert):  # noqa: F811
    api_client.force_authenticate(expert)  # every year, live (the public: test_publication)
    response = api_client.get(
        "/api/v1/statistics/trends/", {"kind": "CPO", "from": 2023, "to": 2024}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "CPO"
    assert [y["year"] for y in body["years"]] == [2023, 2024]
    assert body["years"][0]["submitted"] == 0
    assert body["years"][1]["average_score"] == 60.56


@pytest.mark.parametrize(
    ("url", "query", "field"),
    [
        ("/api/v1/statistics/2024/", {"kind": "VET"}, "kind"),
        ("/api/v1/statistics/1999/", {"kind": "CPO"}, "year"),
        ("/api/v1/statistics/2101/", {"kind": "CPO"}, "year"),
        ("/api/v1/statistics/abc/", {"kind": "CPO"}, "year"),
        ("/api/v1/statistics/trends/", {"kind": "CPO", "from": 2024, "to": 2020}, "from"),
        ("/api/v1/statistics/trends/", {"kind": "CPO", "from": 1990, "to": 2020}, "from"),
        ("/api/v1/statistics/trends/", {"kind": "X", "from": 2020, "to": 2021}, "kind"),
        ("/api/v1/statistics/trends/", {"kind": "CPO", "to": 2021}, "from"),
    ],
)
def test_bad_year_or_kind_is_400(api_client, db, url, query, field):
    response = api_client.get(url, query)

    assert response.status_code == 400
    assert field in response.json()


def test_cache_is_invalidated_by_a_submission(
    api_client, center, center_staff, expert, year, cpo_spec, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(expert)  # the live figures
    before = api_client.get(f"/api/v1/statistics/{year}/", {"kind": "CPO"}).json()
    assert before["submitted"] == 0
    from selfassessment.transitions import report_create

    report = report_create(center=center, year=year, user=center_staff)
    report = report_update(
        report=report, user=center_staff, version=1, changes=complete_content(cpo_spec)
    )
    assert (
        api_client.get(f"/api/v1/statistics/{year}/", {"kind": "CPO"}).json()["submitted"] == 0
    )  # a draft

    with django_capture_on_commit_callbacks(execute=True):
        report_submit(report=report, user=center_staff)

    after = api_client.get(f"/api/v1/statistics/{year}/", {"kind": "CPO"}).json()
    assert after["submitted"] == 1
    assert after["average_score"] == 100.0


def test_only_agency_users_start_an_analysis(api_client, center_staff, db):
    assert (
        api_client.post(
            "/api/v1/analyses/", {"year": 2024, "kind": "CPO"}, format="json"
        ).status_code
        == 401
    )
    api_client.force_authenticate(center_staff)
    assert (
        api_client.post(
            "/api/v1/analyses/", {"year": 2024, "kind": "CPO"}, format="json"
        ).status_code
        == 403
    )
    assert not Analysis.objects.exists()


def test_analysis_is_queued_and_the_running_one_is_returned_again(api_client, expert, settings):
    from navet_portal.celery import app

    app.conf.task_always_eager = False  # queued, no worker: it stays queued
    try:
        api_client.force_authenticate(expert)
        first = api_client.post("/api/v1/analyses/", {"year": 2024, "kind": "CPO"}, format="json")
        second = api_client.post("/api/v1/analyses/", {"year": 2024, "kind": "CPO"}, format="json")
    finally:
        app.conf.task_always_eager = True

    assert first.status_code == 202
    body = first.json()
    assert body["status"] == "queued" and body["progress"] == 0 and body["pdf_url"] is None
    assert second.json()["id"] == body["id"]
    assert Analysis.objects.count() == 1
    detail = api_client.get(f"/api/v1/analyses/{body['id']}/").json()
    assert {"id", "year", "kind", "status", "progress", "error", "pdf_url"} <= set(detail)
    assert api_client.get(f"/api/v1/analyses/{body['id']}/pdf/").status_code == 404
    other = api_client.post("/api/v1/analyses/", {"year": 2024, "kind": "CIPO"}, format="json")
    assert other.json()["id"] != body["id"]
    bad = api_client.post("/api/v1/analyses/", {"year": 1800, "kind": "X"}, format="json")
    assert bad.status_code == 400 and set(bad.json()) == {"year", "kind"}


def test_analysis_in_process_then_a_draft_pdf_for_the_agency(
    api_client,
    expert,
    data_set,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    api_client.force_authenticate(expert)
    with django_capture_on_commit_callbacks(execute=True):
        created = api_client.post(
            "/api/v1/analyses/", {"year": 2024, "kind": "CPO"}, format="json"
        ).json()

    done = api_client.get(f"/api/v1/analyses/{created['id']}/").json()
    assert done["status"] == "done" and done["progress"] == 100
    assert done["statistics"]["statistics"]["submitted"] == 8
    pdf = api_client.get(done["pdf_url"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    api_client.force_authenticate(None)  # a draft: not public until published
    assert api_client.get(f"/api/v1/analyses/{created['id']}/").status_code == 404
    assert api_client.get(done["pdf_url"]).status_code == 404


def test_failed_analysis_is_stored_and_can_be_retried(
    api_client, expert, db, monkeypatch, django_capture_on_commit_callbacks
):
    import reports.rendering

    def broken(*args, **kwargs):
        raise RuntimeError("шрифтът липсва")

    monkeypatch.setattr(reports.rendering, "analysis_pdf", broken)
    api_client.force_authenticate(expert)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            "/api/v1/analyses/", {"year": 2024, "kind": "CPO"}, format="json"
        )
    created = response.json()

    failed = api_client.get(f"/api/v1/analyses/{created['id']}/").json()
    assert failed["status"] == "failed"
    assert "шрифтът липсва" in failed["error"]

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        api_client.post(f"/api/v1/analyses/{created['id']}/retry/")
    retried = api_client.get(f"/api/v1/analyses/{created['id']}/").json()
    assert retried["status"] == "done"
    assert retried["error"] == ""


def test_benchmark_is_for_the_centres_own_staff(client, data_set, administrator):  # noqa: F811
    from selfassessment.models import Report

    statistics_publish(year=2024, kind="CPO", user=administrator)
    report = Report.objects.filter(status="submitted", center__region="BG-22").first()
    staff = UserFactory(centers=[report.center])
    client.force_login(staff)

    page = client.get(f"/statistics/benchmark/{report.center.license_number}/2024/")
    assert page.status_code == 200
    content = page.content.decode()
    assert 'id="b-national">60,56' in content
    assert 'id="b-regional">62,64' in content  # 7 reports in the region: shown
    assert (
        client.get(f"/statistics/benchmark/{report.center.license_number}/2024/?format=pdf")[
            "Content-Type"
        ]
        == "application/pdf"
    )
    other = CenterFactory()
    assert client.get(f"/statistics/benchmark/{other.license_number}/2024/").status_code == 404

    lone = Report.objects.get(center__region="BG-03")
    client.force_login(UserFactory(centers=[lone.center]))
    hidden = client.get(
        f"/statistics/benchmark/{lone.center.license_number}/2024/"
    ).content.decode()
    assert 'id="b-regional">—' in hidden  # 1 report in the region: hidden


def _benchmark_page(client, user, center):
    client.force_login(user)
    response = client.get(f"/statistics/benchmark/{center.license_number}/2024/")
    assert response.status_code == 200
    return response.content.decode()


def test_centres_compare_themselves_with_published_figures_only(
    client,
    data_set,  # noqa: F811
    administrator,
    expert,
    django_capture_on_commit_callbacks,
):
    """Before publication a centre sees its own figures only; after it, the frozen
    snapshot, whatever is filed later. The agency sees the live figures throughout."""
    from selfassessment.models import Framework, Report
    from selfassessment.transitions import reports_import

    from .test_statistics import scores_for

    report = Report.objects.filter(status="submitted", center__region="BG-22").first()
    staff = UserFactory(centers=[report.center])

    before = _benchmark_page(client, staff, report.center)
    assert 'id="b-not-published"' in before
    assert 'id="b-total">' in before  # its own result
    assert 'id="b-national"' not in before and 'id="b-regional"' not in before
    assert "Разпределение в страната" not in before
    assert 'id="b-national">60,56' in _benchmark_page(client, expert, report.center)

    statistics_publish(year=2024, kind="CPO", user=administrator)
    framework = Framework.objects.get(code="CPO-2018")
    late = CenterFactory(region="BG-22")
    with django_capture_on_commit_callbacks(execute=True):  # the cache dropped on commit
        reports_import(
            rows=[
                {
                    "center": late,
                    "year": 2024,
                    "framework": framework,
                    "status": "submitted",
                    "submitted_at": timezone.now(),
                    "content": {"scores": scores_for(framework.spec, "100", {})},
                }
            ]
        )

    after = _benchmark_page(client, staff, report.center)
    assert 'id="b-not-published"' not in after
    assert 'id="b-national">60,56' in after  # the snapshot, not the late report
    assert 'id="b-regional">62,64' in after  # counted as at publication
    assert "(от 8 доклада)" in after and "0&nbsp;т.: 5" in after  # criterion 1.1
    client.cookies["django_language"] = "en"
    english = _benchmark_page(client, staff, report.center)
    assert "(of 8 reports)" in english and "0&nbsp;pts: 5" in english
    assert "т.:" not in english
    del client.cookies["django_language"]
    live = _benchmark_page(client, expert, report.center)
    assert 'id="b-national">' in live and 'id="b-national">60,56' not in live
