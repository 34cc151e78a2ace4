"""Downloads people open in Excel: times in Sofia time as on the screen, Cyrillic
intact (UTF-8 with a byte-order mark), and the centres CSV still imports back."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from centers.models import Center
from selfassessment.models import Report

from ..factories import CenterFactory, FiledReportFactory

BOM = b"\xef\xbb\xbf"
# 15 January 2026, 10:00 UTC is 12:00 in Sofia (EET, UTC+2).
SUBMITTED_UTC = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def filed(center, center_staff, year):
    report = FiledReportFactory(center=center, staff=center_staff, year=year)
    Report.objects.filter(pk=report.pk).update(first_submitted_at=SUBMITTED_UTC)
    return report


@pytest.fixture
def agency(client, expert):
    client.force_login(expert)
    return client


def test_queue_csv_has_sofia_time_and_a_byte_order_mark(agency, filed):
    response = agency.get("/review/export.csv")

    assert response.content.startswith(BOM)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r[0] == filed.center.license_number)
    assert "2026-01-15T12:00:00+02:00" in row
    assert filed.center.name in row
    assert not any("+00:00" in cell for cell in row)


def test_queue_xlsx_has_sofia_time(agency, filed):
    response = agency.get("/review/export.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    row = next(r for r in rows if r[0] == filed.center.license_number)
    assert datetime.datetime(2026, 1, 15, 12, 0) in row


def test_not_filed_list_and_statistics_open_in_excel_with_cyrillic(agency, filed, year):
    CenterFactory(name="ЦПО „Неподал“ ЕООД")

    missing = agency.get("/review/campaign/", {"year": year, "format": "csv"})
    statistics = agency.get("/statistics/", {"year": year, "kind": "CPO", "format": "csv"})

    assert missing.content.startswith(BOM)
    assert "ЦПО „Неподал“ ЕООД" in missing.content.decode("utf-8-sig")
    assert statistics["Content-Type"].startswith("text/csv")
    assert statistics.content.startswith(BOM)
    assert "показател" in statistics.content.decode("utf-8-sig")


@pytest.mark.parametrize("url", ["/centers/export.csv", "/admin/centers/center/"])
def test_centres_csv_opens_in_excel_and_imports_back_unchanged(
    client, administrator, tmp_path, url
):
    CenterFactory(name="ЦПО „Витоша“ ЕООД", address="гр. София, ул. „Раковски“ 5")
    CenterFactory(kind="CIPO", name="ЦИПО „Родопи“", phone="+359 301 12345")
    if url.startswith("/admin/"):
        client.force_login(administrator)
        response = client.post(
            url,
            {
                "action": "export_csv",
                "_selected_action": list(Center.objects.values_list("pk", flat=True)),
            },
        )
    else:
        response = client.get(url)

    assert response.content.startswith(BOM)
    assert "ЦПО „Витоша“ ЕООД" in response.content.decode("utf-8-sig")
    before = list(Center.objects.order_by("pk").values())
    path = tmp_path / "centers.csv"
    path.write_bytes(response.content)  # as downloaded, byte-order mark and all
    out = io.StringIO()
    call_command("import_centers", str(path), stdout=out)
    assert "created 0, updated 0, unchanged 2" in out.getvalue()
    assert list(Center.objects.order_by("pk").values()) == before
