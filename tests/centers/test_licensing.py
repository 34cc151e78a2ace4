"""'Was this centre licensed on date D' (CONTRACT.md §2), answered from the history."""

from datetime import date

import pytest

from centers.models import Center, LicenseStatus

from ..factories import CenterFactory

D = date(2024, 12, 31)


@pytest.mark.parametrize(
    ("license_date", "history", "licensed"),
    [
        (date(2015, 1, 1), [], True),
        (date(2024, 7, 1), [], True),  # licensed mid-year
        (date(2024, 12, 31), [], True),  # licensed on the day itself
        (date(2025, 1, 1), [], False),  # licensed the day after
        (date(2015, 1, 1), [(LicenseStatus.SUSPENDED, date(2024, 3, 1))], False),
        # suspended before D, reinstated before D
        (
            date(2015, 1, 1),
            [(LicenseStatus.SUSPENDED, date(2023, 3, 1)), (LicenseStatus.ACTIVE, date(2024, 5, 1))],
            True,
        ),
        # suspended after D: still licensed on D
        (date(2015, 1, 1), [(LicenseStatus.SUSPENDED, date(2025, 1, 1))], True),
        (date(2015, 1, 1), [(LicenseStatus.SUSPENDED, D)], False),  # suspended on D
        (date(2015, 1, 1), [(LicenseStatus.REVOKED, date(2020, 6, 1))], False),
        (date(2015, 1, 1), [(LicenseStatus.TERMINATED, date(2024, 12, 30))], False),
    ],
)
@pytest.mark.django_db
def test_licensed_on(license_date, history, licensed):
    center = CenterFactory(license_date=license_date, history=history)

    assert center.is_licensed_on(D) is licensed
    assert (center in Center.objects.licensed_on(D)) is licensed


@pytest.mark.django_db
def test_licensed_on_counts_in_one_query(django_assert_num_queries):
    for i in range(5):
        CenterFactory(history=[(LicenseStatus.SUSPENDED, date(2024, 1, i + 1))] if i % 2 else [])

    with django_assert_num_queries(1):
        assert Center.objects.licensed_on(D).count() == 3
