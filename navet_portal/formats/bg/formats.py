"""Bulgarian date formats where Django's own leave the US defaults: a date and time
reads 23.11.2026 г., 08:24 (БДС, as on every page of the portal), not
"Ноем. 23, 2026, 8:24 след обяд". Django's Bulgarian module gives the rest."""

from django.conf.locale.bg.formats import *  # type: ignore[import-untyped] # noqa: F403

DATETIME_FORMAT = "d.m.Y г., H:i"
SHORT_DATETIME_FORMAT = "d.m.Y г., H:i"
YEAR_MONTH_FORMAT = "F Y г."
FIRST_DAY_OF_WEEK = 1  # Monday
