"""The deadline (art. 22(8) VET Act; CONTRACT.md §2), pure: no database."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from selfassessment.deadlines import (
    SOFIA,
    current_reporting_year,
    deadline,
    default_opening,
    is_on_time,
)


@pytest.mark.parametrize(
    ("instant", "on_time"),
    [
        ("2025-01-31T23:59:59.999999+02:00", True),
        ("2025-02-01T00:00:00+02:00", False),
        ("2025-01-31T21:59:59.999999+00:00", True),  # the same instant in UTC
        ("2025-01-31T22:00:00+00:00", False),
        ("2025-01-31T23:30:00+01:00", False),  # Central Europe: already 00:30 in Sofia
        ("2025-01-01T00:00:00+02:00", True),
        ("2024-12-20T10:00:00+02:00", True),  # early filing (an earlier opening)
        ("2025-06-30T12:00:00+03:00", False),  # summer time, months late
    ],
)
def test_is_on_time_for_2024(instant, on_time):
    assert is_on_time(datetime.fromisoformat(instant), 2024) is on_time


def test_deadline_is_last_microsecond_of_31_january_in_sofia():
    assert deadline(2024) == datetime(2025, 1, 31, 23, 59, 59, 999999, tzinfo=SOFIA)
    assert deadline(2024).utcoffset() == timedelta(hours=2)  # winter time
    assert deadline(2024).astimezone(UTC) == datetime(2025, 1, 31, 21, 59, 59, 999999, tzinfo=UTC)


@pytest.mark.parametrize("year", [2019, 2020, 2023, 2024, 2030])
def test_deadline_every_year(year):
    last = deadline(year)
    assert is_on_time(last, year)
    assert not is_on_time(last + timedelta(microseconds=1), year)


def test_naive_instants_are_refused():
    with pytest.raises(ValueError, match="time zone"):
        is_on_time(datetime(2025, 1, 31, 12, 0), 2024)


def test_opening_and_current_year():
    assert default_opening(2024) == date(2025, 1, 1)
    assert current_reporting_year(date(2025, 1, 15)) == 2024
    assert current_reporting_year(date(2025, 12, 31)) == 2024


def test_other_offsets_compare_as_instants():
    tokyo = timezone(timedelta(hours=9))
    assert is_on_time(datetime(2025, 2, 1, 6, 59, 59, tzinfo=tokyo), 2024)
    assert not is_on_time(datetime(2025, 2, 1, 7, 0, 0, tzinfo=tokyo), 2024)
