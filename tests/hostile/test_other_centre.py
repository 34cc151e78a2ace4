"""Every URL with an id, tried by another centre's staff, answers 404."""

from datetime import date

import pytest

from ..factories import CenterFactory, FiledReportFactory, UserFactory, ValidationProcedureFactory


@pytest.fixture
def owned(center, center_staff, year):
    report = FiledReportFactory(center=center, staff=center_staff, year=year)
    procedure = ValidationProcedureFactory(center=center, end_date=date(2024, 5, 1))
    return report, procedure


def urls(report, procedure):
    number = report.center.license_number
    return [
        ("get", f"/reports/{report.pk}/"),
        ("post", f"/reports/{report.pk}/"),
        ("get", f"/reports/{report.pk}/confirm/"),
        ("post", f"/reports/{report.pk}/confirm/"),
        ("get", f"/reports/{report.pk}/receipt/1.pdf"),
        ("get", f"/validation/{procedure.pk}/"),
        ("post", f"/validation/{procedure.pk}/"),
        ("get", f"/validation/new/{number}/"),
        ("get", f"/statistics/benchmark/{number}/{report.year}/"),
        ("get", f"/api/v1/reports/{report.pk}/"),
        ("patch", f"/api/v1/reports/{report.pk}/"),
        ("post", f"/api/v1/reports/{report.pk}/submit/"),
        ("get", f"/api/v1/validation-procedures/{procedure.pk}/"),
        ("patch", f"/api/v1/validation-procedures/{procedure.pk}/"),
    ]


def test_another_centres_staff_get_404_everywhere(client, owned):
    report, procedure = owned
    client.force_login(UserFactory(centers=[CenterFactory()]))

    for method, url in urls(report, procedure):
        response = (
            getattr(client, method)(url, content_type="application/json")
            if method == "patch"
            else getattr(client, method)(url)
        )
        assert response.status_code == 404, (method, url, response.status_code)
