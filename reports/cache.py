"""Cached statistics (Redis when configured): each year's `YearStatistics` of a kind,
pickled, under a generation of its own.

A report that changes what counts moves its own year's generation on
(`year_invalidate`): during a campaign the figures of closed years stay cached, and a
trend recomputes only the year being filed. An import or a publication moves every
year on (`statistics_invalidate`). A trend is its years' cached figures; those
missing are computed together, in one pass (`statistics_for_years`).
"""

import logging
import time
from collections.abc import Sequence

from django.core.cache import cache

from centers.models import Kind

from .statistics import (
    Trend,
    YearStatistics,
    check_span,
    check_year_and_kind,
    statistics_for_years,
)

log = logging.getLogger(__name__)
GENERATION_KEY = "statistics:generation"
# The shape of the cached values: changed with the dataclasses, so that no process
# reads what another version of the code put in the cache.
SHAPE = "v4"  # v4: a generation per year and kind
TIMEOUT = 60 * 60 * 24


def _year_generation_key(kind: str, year: int) -> str:
    return f"{GENERATION_KEY}:{kind}:{year}"


def _generations(keys: list[str]) -> dict[str, int]:
    """The current value of each generation key. One never set (or evicted) starts
    at the clock in nanoseconds, a value no entry cached before can carry."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), timeout=None)
    missing = [key for key in keys if key not in found]
    return found | (cache.get_many(missing) if missing else {})


def _years(kind: str, years: Sequence[int]) -> tuple[YearStatistics, ...]:
    """The statistics of `years` of `kind`, from the cache where it has them current;
    the others computed in one pass and cached. Without the cache, all computed."""
    try:
        keys = [GENERATION_KEY] + [_year_generation_key(kind, year) for year in years]
        generations = _generations(keys)
        entries = {
            year: f"statistics:{SHAPE}:{generations[GENERATION_KEY]}:"
            f"{generations[_year_generation_key(kind, year)]}:{kind}:{year}"
            for year in years
        }
        cached = cache.get_many(list(entries.values()))
    except Exception:  # a cache outage must not stop the statistics
        log.warning("statistics cache unavailable", exc_info=True)
        return statistics_for_years(kind, years)
    found = {year: cached[key] for year, key in entries.items() if key in cached}
    missing = [year for year in years if year not in found]
    if missing:
        computed = {s.year: s for s in statistics_for_years(kind, missing)}
        found |= computed
        try:
            cache.set_many({entries[year]: s for year, s in computed.items()}, timeout=TIMEOUT)
        except Exception:
            log.warning("statistics cache unavailable", exc_info=True)
    return tuple(found[year] for year in years)


def cached_statistics(year, kind) -> YearStatistics:
    # Checked before the cache is asked: no key is made of what a client typed.
    check_year_and_kind(year, kind)
    return _years(kind, [year])[0]


def cached_trends(kind, first, last) -> Trend:
    check_span(first, last)
    check_year_and_kind(first, kind)
    return Trend(kind=Kind(kind).value, years=_years(kind, range(first, last + 1)))


def _move_on(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # never set: any new value leaves the old entries behind
        cache.set(key, time.time_ns(), timeout=None)
    except Exception:
        log.warning("statistics cache unavailable: not invalidated", exc_info=True)


def year_invalidate(kind: str, year: int) -> None:
    """Drop the cached statistics of one year of a kind (a report of it changed)."""
    _move_on(_year_generation_key(kind, year))


def statistics_invalidate() -> None:
    """Drop every year's cached statistics."""
    _move_on(GENERATION_KEY)
