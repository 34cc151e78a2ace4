"""Publication of the statistics (CONTRACT.md §6): nothing public before the agency
publishes; a frozen snapshot after; small regions suppressed for the public; agency
users always live, with the marker."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.authtoken.models import Token

from core.audit import audit_trail
from core.models import AuditEntry
from reports.models import StatisticsPublication
from reports.publication import (
    public_figures,
    published_statistics,
    published_years,
    statistics_publish,
)
from selfassessment.transitions import report_accept

from ..factories import CenterFactory, FiledReportFactory
from .test_statistics import data_set  # noqa: F401 - the hand-computed fixture

URL = "/api/v1/statistics/2024/"
NOT_PUBLISHED = "Данните за 2024 г. (ЦПО) още не са публикувани."


def _get(client, url=URL, user=None, **query):
    client.force_authenticate(user)
    return client.get(url, {"kind": "CPO", **query})


# --- Before and after publication ------------------------------------------------------


def test_unpublished_year_is_404_to_the_public_and_live_to_the_agency(
    api_client,
    data_set,  # noqa: F811
    center_staff,
    expert,
):
    anonymous = _get(api_client)
    staff = _get(api_client, user=center_staff)
    agency = _get(api_client, user=expert)

    assert anonymous.status_code == 404
    assert anonymous.json() == {"detail": NOT_PUBLISHED}
    assert staff.status_code == 404 and staff.json() == {"detail": NOT_PUBLISHED}
    assert agency.status_code == 200
    body = agency.json()
    assert body["published"] is False and body["published_at"] is None
    assert body["submitted"] == 8 and body["average_score"] == 60.56


def test_agency_token_gets_live_figures(api_client, data_set, expert):  # noqa: F811
    token = Token.objects.create(user=expert)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api_client.get(URL, {"kind": "CPO"})

    assert response.status_code == 200
    assert response.json()["published"] is False


def test_publication_is_the_snapshot_recorded_and_audited(
    api_client,
    data_set,  # noqa: F811
    administrator,
):
    publication = statistics_publish(year=2024, kind="CPO", user=administrator)

    response = _get(api_client)
    assert response.status_code == 200
    body = response.json()
    assert body["published"] is True
    assert body["published_at"] == timezone.localtime(publication.published_at).isoformat()
    assert body["submitted"] == 8 and body["average_score"] == 60.56
    assert publication.published_by == administrator
    assert publication.statistics["submitted"] == 8
    entry = audit_trail(publication).get()
    assert entry.action == "statistics_published" and entry.actor == administrator
    assert entry.changes == {
        "year": 2024,
        "kind": "CPO",
        "submitted": 8,
        "analysis": None,
        "replaces": None,
    }
    assert published_years("CPO") == [2024] and published_years("CIPO") == []
    # The other kind of the same year is still unpublished.
    assert _get(api_client, kind="CIPO").status_code == 404


@pytest.mark.parametrize("role", ["expert", "center_staff"])
def test_only_administrators_publish(data_set, role, request):  # noqa: F811
    user = request.getfixturevalue(role)

    with pytest.raises(PermissionDenied):
        statistics_publish(year=2024, kind="CPO", user=user)

    assert not StatisticsPublication.objects.exists()
    assert not AuditEntry.objects.filter(action="statistics_published").exists()


def test_a_later_accepted_report_moves_the_live_figures_not_the_public_ones(
    api_client, administrator, expert, year, django_capture_on_commit_callbacks
):
    FiledReportFactory(year=year)
    statistics_publish(year=year, kind="CPO", user=administrator)
    url = f"/api/v1/statistics/{year}/"
    # Both read (and the agency's cached) before the late report.
    assert _get(api_client, url).json()["submitted"] == 1
    assert _get(api_client, url, user=expert).json()["submitted"] == 1

    late = FiledReportFactory(year=year)
    with django_capture_on_commit_callbacks(execute=True):
        report_accept(report=late, expert=expert)

    live = _get(api_client, url, user=expert).json()
    public = _get(api_client, url).json()
    assert live["submitted"] == 2 and live["published"] is True
    assert public["submitted"] == 1
    assert public["levels"] == {"excellent": 1, "good": 0, "satisfactory": 0, "unsatisfactory": 0}

    first = published_statistics(year, "CPO")
    with django_capture_on_commit_callbacks(execute=True):
        second = statistics_publish(year=year, kind="CPO", user=administrator)

    again = _get(api_client, url).json()
    assert again["submitted"] == 2
    assert again["published_at"] == timezone.localtime(second.published_at).isoformat()
    assert StatisticsPublication.objects.filter(year=year, kind="CPO").count() == 2
    assert audit_trail(second).get().changes["replaces"] == first.pk
    assert first.statistics["submitted"] == 1  # the record of what was public before


def test_the_newest_publication_wins_whatever_the_order_of_the_rows(
    data_set,  # noqa: F811
    administrator,
):
    older = statistics_publish(year=2024, kind="CPO", user=administrator)
    newer = statistics_publish(year=2024, kind="CPO", user=None)
    StatisticsPublication.objects.filter(pk=older.pk).update(
        published_at=timezone.now() + timedelta(hours=1)
    )

    assert published_statistics(2024, "CPO").pk == older.pk
    assert newer.published_by is None  # the operator at the command line


# --- Trends ----------------------------------------------------------------------------


def test_trends_list_only_published_years_to_the_public(
    api_client,
    data_set,  # noqa: F811
    administrator,
    center_staff,
    expert,
):
    url = "/api/v1/statistics/trends/"
    span = {"from": 2022, "to": 2024}
    assert _get(api_client, url, **span).json() == {"kind": "CPO", "years": []}

    statistics_publish(year=2024, kind="CPO", user=administrator)
    statistics_publish(year=2022, kind="CPO", user=administrator)
    newest = statistics_publish(year=2024, kind="CPO", user=administrator)  # republished

    public = _get(api_client, url, **span).json()
    staff = _get(api_client, url, user=center_staff, **span).json()
    agency = _get(api_client, url, user=expert, **span).json()
    assert [y["year"] for y in public["years"]] == [2022, 2024]
    assert staff == public
    assert all(y["published"] for y in public["years"])
    assert public["years"][1]["submitted"] == 8
    assert public["years"][1]["regions"][0]["suppressed"] is True
    assert [(y["year"], y["published"]) for y in agency["years"]] == [
        (2022, True),
        (2023, False),
        (2024, True),
    ]
    assert agency["years"][2]["regions"][0]["average_score"] == 46.0
    published_at = timezone.localtime(newest.published_at).isoformat()
    assert agency["years"][2]["published_at"] == public["years"][1]["published_at"] == published_at
    assert _get(api_client, url, **{"from": 2024, "to": 2020}).status_code == 400


# --- Small cells ----------------------------------------------------------------------


def test_regions_under_five_reports_are_suppressed_for_the_public_only(
    api_client,
    data_set,  # noqa: F811
    administrator,
    center_staff,
    expert,
):
    statistics_publish(year=2024, kind="CPO", user=administrator)

    public = _get(api_client).json()["regions"]
    staff = _get(api_client, user=center_staff).json()["regions"]
    agency = _get(api_client, user=expert).json()["regions"]

    assert public == [
        {"region": "BG-03", "submitted": 1, "average_score": None, "suppressed": True},
        {"region": "BG-22", "submitted": 7, "average_score": 62.64, "suppressed": False},
    ]
    assert staff == public
    assert agency == [
        {"region": "BG-03", "submitted": 1, "average_score": 46.0},
        {"region": "BG-22", "submitted": 7, "average_score": 62.64},
    ]
    # The snapshot keeps every figure: suppression is applied when it is shown.
    assert published_statistics(2024, "CPO").statistics["regions"][0]["average_score"] == 46.0


@pytest.mark.parametrize(("submitted", "suppressed"), [(4, True), (5, False)])
def test_public_figures_boundary(submitted, suppressed):
    snapshot = {"regions": [{"region": "BG-01", "submitted": submitted, "average_score": 70.5}]}

    shown = public_figures(snapshot)

    assert shown["regions"][0]["suppressed"] is suppressed
    assert shown["regions"][0]["average_score"] == (None if suppressed else 70.5)
    assert snapshot["regions"][0] == {
        "region": "BG-01",
        "submitted": submitted,
        "average_score": 70.5,
    }


def test_cipo_regions_carry_the_marker_without_an_average():
    shown = public_figures({"regions": [{"region": "BG-02", "submitted": 1}]})

    assert shown["regions"] == [{"region": "BG-02", "submitted": 1, "suppressed": True}]


# --- Titles ----------------------------------------------------------------------------


def test_areas_criteria_and_indicators_carry_their_titles(
    api_client, administrator, cipo_spec, year
):
    FiledReportFactory(year=year)
    FiledReportFactory(year=year, center=CenterFactory(kind="CIPO"))
    statistics_publish(year=year, kind="CPO", user=administrator)
    statistics_publish(year=year, kind="CIPO", user=administrator)

    cpo = _get(api_client, f"/api/v1/statistics/{year}/").json()
    cipo = _get(api_client, f"/api/v1/statistics/{year}/", kind="CIPO").json()

    assert cpo["areas"][0]["title"] == "Достъп до професионално обучение"
    assert list(cpo["areas"][0]) == ["code", "title", "max_points", "average", "percent"]
    # Read back from PostgreSQL's jsonb in the order of the live figures.
    assert list(next(c for c in cpo["criteria"] if c["code"] == "2.13")["distribution"]) == [
        "0",
        "0.5",
        "1.5",
        "3",
    ]
    assert list(cpo["levels"]) == ["excellent", "good", "satisfactory", "unsatisfactory"]
    assert list(cpo["regions"][0]) == ["region", "submitted", "average_score", "suppressed"]
    criterion = next(c for c in cpo["criteria"] if c["code"] == "2.14")
    assert criterion["title"] == "Участие в национални и международни програми и проекти"
    indicator = next(i for i in cipo["indicators"] if i["code"] == "1.2")
    assert indicator["title"] == "Наличен и поддържан уебсайт на центъра"
    assert list(indicator) == ["code", "title", "positive", "percent"]
    assert cipo["criteria"][0] == {
        "code": "1",
        "title": "Достъп до информиране и професионално ориентиране",
        "positive_percent": 100.0,
    }
    assert all(i["title"] for i in cipo["indicators"])
    assert len(cipo["indicators"]) == len(cipo_spec.indicators)


# --- The command -----------------------------------------------------------------------


def test_publish_statistics_command(api_client, data_set):  # noqa: F811
    out = io.StringIO()

    call_command("publish_statistics", "2024", "--kind", "CPO", stdout=out)

    printed = out.getvalue()
    assert "Публикувана статистика за 2024 г. (ЦПО): 8 подадени доклада" in printed
    assert "Замества" not in printed
    assert _get(api_client).json()["submitted"] == 8

    again = io.StringIO()
    call_command("publish_statistics", "2024", "--kind", "CPO", stdout=again)
    assert "Замества публикуваната на" in again.getvalue()
    assert StatisticsPublication.objects.filter(year=2024, kind="CPO").count() == 2
    assert published_years("CPO") == [2024]  # each year once, however often published


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["1999", "--kind", "CPO"], "Годината е от 2000 до 2100."),
        (["две хиляди", "--kind", "CPO"], "Годината е от 2000 до 2100."),
        (["2024", "--kind", "VET"], "Видът е CPO или CIPO."),
    ],
)
def test_publish_statistics_refuses_a_bad_year_or_kind(db, arguments, message):
    with pytest.raises(CommandError) as error:
        call_command("publish_statistics", *arguments, stdout=io.StringIO())

    assert message in str(error.value)
    assert error.value.returncode != 0
    assert not StatisticsPublication.objects.exists()


# --- The pages and the downloads ----------------------------------------------------------


def test_public_page_of_an_unpublished_year(client, data_set, center_staff):  # noqa: F811
    asked = client.get("/statistics/", {"year": 2024, "kind": "CPO"})
    bare = client.get("/statistics/")
    client.force_login(center_staff)
    staff = client.get("/statistics/", {"year": 2024, "kind": "CPO"})
    download = client.get("/statistics/", {"year": 2024, "kind": "CPO", "format": "csv"})

    assert asked.status_code == 404
    assert "Данните за 2024 г. още не са публикувани." in asked.content.decode()
    assert 'id="s-average"' not in asked.content.decode()
    assert bare.status_code == 200  # nothing published at all: the page says so
    assert "още не са публикувани" in bare.content.decode()
    assert staff.status_code == 404 and "60,56" not in staff.content.decode()
    assert download.status_code == 404
    assert download["Content-Type"].startswith("text/html")


def test_public_page_after_publication(client, data_set, administrator):  # noqa: F811
    publication = statistics_publish(year=2024, kind="CPO", user=administrator)

    page = client.get("/statistics/", {"year": 2024, "kind": "CPO"})
    default = client.get("/statistics/")

    assert page.status_code == 200
    content = page.content.decode()
    assert f"Публикувани на {timezone.localtime(publication.published_at):%d.%m.%Y} г." in content
    assert 'id="s-average">60,56<' in content
    assert "87,50%" in content  # two decimals, decimal comma
    assert "1. Достъп до професионално обучение" in content
    assert "2.14 Участие в национални и международни програми и проекти" in content
    assert "Регион (област)" in content
    assert "Варна" in content and "—*" in content  # BG-03: 1 report, suppressed
    assert "62,64" in content and "46,00" not in content
    assert "Непубликувани" not in content
    # An oblast is a region; „Област“ alone never names one.
    assert "По области" not in content and ">Област<" not in content
    assert default.status_code == 200 and 'id="s-average">60,56<' in default.content.decode()


def test_agency_page_is_live_and_marked(client, data_set, expert, administrator):  # noqa: F811
    client.force_login(expert)

    unpublished = client.get("/statistics/", {"year": 2024, "kind": "CPO"}).content.decode()
    statistics_publish(year=2024, kind="CPO", user=administrator)
    published = client.get("/statistics/", {"year": 2024, "kind": "CPO"}).content.decode()
    empty = client.get("/statistics/", {"year": 2023, "kind": "CPO"})

    assert "Непубликувани данни — виждат ги само служителите на агенцията." in unpublished
    assert "46,00" in unpublished  # every region's figure
    assert "Текущи данни" in published and "Публикувани на" in published
    assert empty.status_code == 200
    text = empty.content.decode()
    assert "За 2023 г. няма подадени доклади." in text
    assert 'id="s-average"' not in text  # not "Среден брой точки 0"


def test_downloads_name_everything_and_suppress_for_the_public(
    client,
    data_set,  # noqa: F811
    administrator,
    expert,
):
    statistics_publish(year=2024, kind="CPO", user=administrator)

    csv_rows = _csv_rows(client.get("/statistics/", {"year": 2024, "kind": "CPO", "format": "csv"}))
    xlsx = client.get("/statistics/", {"year": 2024, "kind": "CPO", "format": "xlsx"})
    client.force_login(expert)
    agency_rows = _csv_rows(
        client.get("/statistics/", {"year": 2024, "kind": "CPO", "format": "csv"})
    )

    assert csv_rows[0] == ["показател", "код", "наименование", "стойност"]
    assert [
        "критерий: среден брой точки",
        "1.1",
        "Популяризиране на предлаганото обучение",
        "0.63",
    ] in csv_rows
    assert any(row[:2] == ["критерий: доклади с 1,5 т.", "2.13"] for row in csv_rows)
    assert [
        "област на оценяване: % от максимума",
        "1",
        "Достъп до професионално обучение",
    ] in [row[:3] for row in csv_rows]
    assert ["регион (област): подадени доклади", "BG-03", "Варна", "1"] in csv_rows
    assert [
        "регион (област): среден брой точки (не се публикува: под 5 доклада)",
        "BG-03",
        "Варна",
        "",
    ] in csv_rows
    assert [
        "регион (област): среден брой точки",
        "BG-22",
        "София (столица)",
        "62.64",
    ] in csv_rows
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert ("равнище на качество: % от подадените", "good", "Добро", 37.5) in rows
    assert ("регион (област): среден брой точки", "BG-03", "Варна", 46.0) not in rows
    assert ["регион (област): среден брой точки", "BG-03", "Варна", "46.0"] in agency_rows
    assert any(row[0] == "данни" and row[3].startswith("текущи") for row in agency_rows)


def _csv_rows(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
