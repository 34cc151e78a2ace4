"""The campaign dashboard against a small hand-computed data set (year 2024)."""

import re
from datetime import date, datetime

import pytest

from centers.models import LicenseStatus
from review.selectors import campaign
from selfassessment.deadlines import SOFIA
from selfassessment.models import Decision, DecisionKind, Framework, Report
from selfassessment.transitions import reports_import

from ..factories import CenterFactory, complete_content


def at(month, day, hour=12):
    return datetime(2025, month, day, hour, 0, tzinfo=SOFIA)


@pytest.fixture
def data_set(db):
    framework = Framework.objects.get(code="CPO-2018")
    content = complete_content(framework.spec, pick=1)
    c = {name: CenterFactory(name=f"ЦПО {name}") for name in "ABCDEFG"}
    c["H"] = CenterFactory(name="ЦПО H", history=[(LicenseStatus.SUSPENDED, date(2024, 6, 1))])
    c["I"] = CenterFactory(name="ЦПО I", license_date=date(2024, 12, 31))
    c["J"] = CenterFactory(name="ЦПО J", license_date=date(2025, 1, 5))
    CenterFactory(kind="CIPO", name="ЦИПО K")  # another kind
    filings = {
        "A": ("accepted", at(1, 10, 10)),
        "B": ("accepted", at(1, 31, 23)),
        "C": ("accepted", at(1, 20)),
        "D": ("submitted", at(2, 3)),
        "E": ("returned", at(1, 25)),
        "F": ("draft", None),
        "H": ("submitted", at(1, 15)),
    }
    reports_import(
        rows=[
            {
                "center": c[n],
                "year": 2024,
                "framework": framework,
                "status": s,
                "submitted_at": t,
                "content": content,
            }
            for n, (s, t) in filings.items()
        ]
    )
    accepted = {"A": at(1, 20, 10), "B": at(2, 10, 23), "C": at(1, 26)}
    for name, when in accepted.items():
        Report.objects.filter(center=c[name]).update(accepted_at=when)
    for name in ("B", "E"):
        report = Report.objects.get(center=c[name])
        Decision.objects.create(
            report=report, submission_number=1, kind=DecisionKind.RETURNED, reason="x"
        )
    return c


def test_campaign_figures(data_set):
    figures = campaign(2024, "CPO")

    assert figures["expected"] == 8  # A–G and I; not H (suspended), not J (licensed in 2025)
    assert figures["filed"] == 6
    assert figures["on_time"] == 5
    assert figures["late"] == 1
    assert figures["drafts"] == 1
    assert figures["submitted"] == 2
    assert figures["returned"] == 1
    assert figures["accepted"] == 3
    assert figures["accepted_first"] == 2  # A and C; B was returned first
    assert figures["not_filed"] == 3
    assert [m.name for m in figures["missing"]] == ["ЦПО F", "ЦПО G", "ЦПО I"]
    assert figures["median_days_to_accept"] == 10.0  # 10, 10 and 6 days
    assert figures["per_day"] == [
        (date(2025, 1, 10), 1),
        (date(2025, 1, 15), 1),
        (date(2025, 1, 20), 1),
        (date(2025, 1, 25), 1),
        (date(2025, 1, 31), 1),
    ]


def test_dashboard_page_and_missing_list(client, expert, data_set):
    client.force_login(expert)

    page = client.get("/review/campaign/", {"year": 2024, "kind": "CPO"}).content.decode()
    missing = client.get("/review/campaign/", {"year": 2024, "kind": "CPO", "format": "csv"})

    assert '<dd id="c-expected">8</dd>' in page
    assert '<dd id="c-not-filed">3</dd>' in page
    assert '<dd id="c-median">10,0</dd>' in page
    assert "<svg" in page
    assert data_set["G"].email in page
    assert missing.content.decode("utf-8-sig").count("\n") == 4  # header and F, G, I


def test_median_counts_apart_the_accepted_reports_imported_without_a_date(client, expert, data_set):
    # A accepted in the portal keeps its date; B and C came by import only.
    Report.objects.filter(center__in=[data_set["B"], data_set["C"]]).update(accepted_at=None)
    client.force_login(expert)

    figures = campaign(2024, "CPO")
    page = client.get("/review/campaign/", {"year": 2024, "kind": "CPO"}).content.decode()

    assert figures["median_days_to_accept"] == 10.0
    assert figures["accepted_with_date"] == 1
    assert figures["accepted_without_date"] == 2
    assert "Медианата е от 1 доклад, приет в портала" in page
    assert "2 приети доклада са импортирани без дата на приемане и не се броят." in page

    Report.objects.filter(center=data_set["A"]).update(accepted_at=None)
    page = client.get("/review/campaign/", {"year": 2024, "kind": "CPO"}).content.decode()

    assert '<dd id="c-median">—</dd>' in page
    assert "всички 3 приети доклада са импортирани" in page


def test_a_year_without_filings_draws_an_axis_without_negative_zeros(client, expert):
    CenterFactory.create_batch(2)
    client.force_login(expert)

    page = client.get("/review/campaign/", {"year": 2019}).content.decode()

    chart = page[page.index("<svg") : page.index("</svg>")]
    texts = re.findall(r">([^<>]*)</text>", chart)
    assert [t for t in texts if re.fullmatch(r"[-−]?[\d,]+", t)] == ["0", "1"]
    assert "Медианата ще се появи, щом бъде приет първият доклад за годината." in page


def test_missing_list_is_paged_searched_and_downloaded_whole(client, expert):
    CenterFactory.create_batch(120)
    wanted = CenterFactory(name="ЦПО Търсен Единствен")
    client.force_login(expert)

    first = client.get("/review/campaign/", {"year": 2024})
    third = client.get("/review/campaign/", {"year": 2024, "page": 3})
    found = client.get("/review/campaign/", {"year": 2024, "q": "търсен единств"})
    csv = client.get("/review/campaign/", {"year": 2024, "format": "csv"})
    xlsx = client.get("/review/campaign/", {"year": 2024, "format": "xlsx"})

    assert len(first.context["page"].object_list) == 50
    assert first.content.decode().count("mailto:") <= 50
    assert "Страница 1 от 3" in first.content.decode()
    assert len(third.context["page"].object_list) == 21
    assert [c.pk for c in found.context["page"].object_list] == [wanted.pk]
    assert csv.content.startswith("\ufeff".encode())
    assert csv.content.decode("utf-8-sig").count("\r\n") == 122  # header and 121 centres
    assert "ЦПО Търсен Единствен" in csv.content.decode("utf-8-sig")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
