"""When a year's reports open and are due (art. 22(8) VET Act: by 31 January).

Pure functions: year Y's reports open on 1 January Y+1 (the agency may open them
earlier) and are due by 31 January Y+1, 23:59:59.999999 Europe/Sofia. A report is on
time when its first submission is at or before that instant.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

SOFIA = ZoneInfo("Europe/Sofia")


def deadline(year: int) -> datetime:
    """The last instant for year `year`'s reports, in Sofia time."""
    return datetime(year + 1, 1, 31, 23, 59, 59, 999999, tzinfo=SOFIA)


def default_opening(year: int) -> date:
    return date(year + 1, 1, 1)


def is_on_time(instant: datetime, year: int) -> bool:
    """Whether a first submission at `instant` (an aware datetime) is on time."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("instant must carry a time zone")
    return instant <= deadline(year)


def current_reporting_year(today: date) -> int:
    """The year whose reports are being filed on `today`: the past calendar year."""
    return today.year - 1


def days_left(now: datetime, year: int) -> int:
    """Whole days from `now` until the deadline of `year` (negative once past)."""
    return (deadline(year).date() - now.astimezone(SOFIA).date()).days
