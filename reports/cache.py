"""Cached statistics (Redis when configured): the `YearStatistics` and `Trend`
dataclasses, pickled. A report submitted, returned or accepted calls
`statistics_invalidate`, which moves every key to a new generation."""

import logging

from django.core.cache import cache

from .statistics import (
    Trend,
    YearStatistics,
    check_span,
    check_year_and_kind,
    statistics_for_year,
    trends,
)

log = logging.getLogger(__name__)
GENERATION_KEY = "statistics:generation"
# The shape of the cached values: changed with the dataclasses, so that no process
# reads what another version of the code put in the cache.
SHAPE = "v3"  # v3: titles on areas, criteria and indicators
TIMEOUT = 60 * 60 * 24


def _generation():
    try:
        return cache.get_or_set(GENERATION_KEY, 1, timeout=None)
    except Exception:  # a cache outage must not stop the statistics
        log.warning("statistics cache unavailable", exc_info=True)
        return None


def _cached(key, compute):
    generation = _generation()
    if generation is None:
        return compute()
    full_key = f"statistics:{SHAPE}:{generation}:{key}"
    try:
        value = cache.get(full_key)
    except Exception:
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(full_key, value, timeout=TIMEOUT)
        except Exception:
            log.warning("statistics cache unavailable", exc_info=True)
    return value


def cached_statistics(year, kind) -> YearStatistics:
    # Checked before the cache is asked: no key is made of what a client typed.
    check_year_and_kind(year, kind)
    return _cached(f"year:{kind}:{year}", lambda: statistics_for_year(year, kind))


def cached_trends(kind, first, last) -> Trend:
    check_span(first, last)
    check_year_and_kind(first, kind)
    return _cached(f"trends:{kind}:{first}:{last}", lambda: trends(kind, first, last))


def statistics_invalidate():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)
    except Exception:
        log.warning("statistics cache unavailable: not invalidated", exc_info=True)
