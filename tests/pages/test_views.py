from datetime import date

import pytest

from centers.models import Kind, LicenseStatus

from ..factories import CenterFactory


@pytest.mark.django_db
def test_home_counts_only_centres_with_an_active_licence(client):
    CenterFactory.create_batch(3, kind=Kind.CPO)
    CenterFactory(kind=Kind.CPO, history=[(LicenseStatus.REVOKED, date(2020, 5, 1))])
    CenterFactory.create_batch(2, kind=Kind.CIPO)
    CenterFactory(kind=Kind.CIPO, history=[(LicenseStatus.SUSPENDED, date(2024, 3, 1))])

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["counts"] == {"cpo": 3, "cipo": 2}


def test_dashboard_lists_only_the_users_own_centres(client, center_staff, center):
    other = CenterFactory()
    client.force_login(center_staff)

    page = client.get("/dashboard/").content.decode()

    assert center.name in page
    assert other.name not in page
