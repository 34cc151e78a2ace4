"""The span of reporting years the portal accepts anywhere (forms, API, imports,
frameworks, statistics): one rule, one message."""

from django.utils.translation import gettext as _

FIRST_YEAR, LAST_YEAR = 2000, 2100


def year_in_range(value: object) -> bool:
    return (
        isinstance(value, int) and not isinstance(value, bool) and FIRST_YEAR <= value <= LAST_YEAR
    )


def year_range_message() -> str:
    return _("Годината е от %(first)s до %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
