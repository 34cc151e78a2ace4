"""Публикуване на статистиката: what of the national figures the public may see
(CONTRACT.md §6).

A year's statistics of a kind are public only once the agency has published them —
with an analysis, or with `publish_statistics` for history. Publishing stores the
figures as they are at that instant (`StatisticsPublication.statistics`, the
`as_json()` of the live statistics): the public gets that frozen snapshot, whatever
is filed later, until the agency publishes again. Agency users always see the live
figures, with a marker saying whether (and when) the year was published.

In everything public, a region with fewer than `MIN_REGIONAL_REPORTS` counted
reports shows its count only: its average would point at one or two centres
(`public_figures`, the one place that rule is written).
"""

from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import Denied, is_agency, may_publish, require
from centers.models import Kind
from core.audit import audit
from selfassessment.models import QualityLevel

from .cache import cached_statistics, cached_trends, statistics_invalidate
from .models import Analysis, StatisticsPublication
from .statistics import MIN_REGIONAL_REPORTS, check_span, check_year_and_kind, statistics_for_year

PUBLISHED = "statistics_published"


# --- Publishing ----------------------------------------------------------------------


@transaction.atomic
def statistics_publish(
    *, year, kind, user, analysis: Analysis | None = None, figures: dict | None = None
):
    """Publish the statistics of `year` and `kind` as they are now (or `figures`: an
    analysis' own, so that the published document and the public figures agree);
    return the new `StatisticsPublication`.

    `user` must be allowed to publish (administrators); None is the operator at the
    command line (`publish_statistics`, `seed_demo`), who has the server already.
    Publishing again adds a row that replaces the public snapshot; the older rows
    stay as the record of what was public when. Raises `StatisticsError` for an
    unknown kind or a year outside 2000–2100, `PermissionDenied` for a user who may
    not publish."""
    if user is not None:
        require(may_publish(user), Denied.NOT_ADMINISTRATOR_PUBLISH)
    check_year_and_kind(year, kind)
    replaced = published_statistics(year, kind)
    if figures is None:
        # Computed afresh, not read from the cache: what is frozen is what is filed now.
        figures = statistics_for_year(year, kind).as_json()
    publication = StatisticsPublication.objects.create(
        year=year,
        kind=kind,
        statistics=figures,
        published_by=user if user is not None and user.is_authenticated else None,
        analysis=analysis,
    )
    audit(
        target=publication,
        actor=user,
        action=PUBLISHED,
        changes={
            "year": year,
            "kind": kind,
            "submitted": figures["submitted"],
            "analysis": analysis.pk if analysis is not None else None,
            "replaces": replaced.pk if replaced is not None else None,
        },
    )
    # The public figures are read from the row, never from the cache; dropping the
    # cached ones as well keeps anything computed before this instant from being
    # served next to the publication.
    transaction.on_commit(statistics_invalidate)
    return publication


# --- Reading what is published ---------------------------------------------------------


def _newest():
    return StatisticsPublication.objects.order_by("-published_at", "-pk")


def published_statistics(year: int, kind: str) -> StatisticsPublication | None:
    """The publication the public sees for `year` and `kind` (the newest), or None."""
    return _newest().filter(year=year, kind=kind).first()


def published_years(kind: str) -> list[int]:
    """The years of `kind` whose statistics are published, ascending."""
    return sorted(
        # Without the default ordering (by date), which would make the years repeat.
        StatisticsPublication.objects.filter(kind=kind)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )


def _published_between(kind: str, first: int, last: int) -> list[StatisticsPublication]:
    """The newest publication of each published year from `first` to `last`, by year."""
    newest = _newest().filter(year=OuterRef("year"), kind=kind).values("pk")[:1]
    return list(
        StatisticsPublication.objects.filter(
            kind=kind, year__range=(first, last), pk=Subquery(newest)
        ).order_by("year")
    )


def _publication_dates(kind: str, first: int, last: int) -> dict[int, datetime]:
    """When each published year from `first` to `last` was last published."""
    return dict(
        StatisticsPublication.objects.filter(kind=kind, year__range=(first, last))
        .order_by()
        .values_list("year")
        .annotate(newest=Max("published_at"))
    )


# --- Reading a snapshot back -----------------------------------------------------------

# PostgreSQL's jsonb keeps an object's keys in its own order (shortest first), not in
# the order they were written: a snapshot is read back in the order of CONTRACT.md §5,
# the live figures' order. One ranking serves every level of the document.
_KEY_ORDER = {
    key: rank
    for rank, key in enumerate(
        [
            *("region", "code", "title", "year", "kind", "licensed_centers", "submitted"),
            *("submitted_on_time", "submitted_late", "on_time_percent", "zero_value_reports"),
            *("levels", "average_score", "average_level", "max_points", "average", "positive"),
            *("percent", "positive_percent", "distribution", "indicators", "areas", "criteria"),
            *("validation", "regions", "procedures", "persons", "centers"),
            *(level.value for level in QualityLevel),
            *("suppressed", "published", "published_at"),
        ]
    )
}


def _number_or_none(key: str) -> Decimal | None:
    try:
        return Decimal(key)
    except InvalidOperation:
        return None


def _in_order(value: Any) -> Any:
    if isinstance(value, list):
        return [_in_order(item) for item in value]
    if not isinstance(value, dict):
        return value
    numbers = {key: number for key in value if (number := _number_or_none(key)) is not None}
    if value and len(numbers) == len(value):
        # A criterion's distribution: its levels' points, ascending as in the framework.
        keys = sorted(value, key=numbers.__getitem__)
    else:
        keys = sorted(value, key=lambda key: _KEY_ORDER.get(key, len(_KEY_ORDER)))
    return {key: _in_order(value[key]) for key in keys}


def snapshot_figures(publication: StatisticsPublication) -> dict[str, Any]:
    """A publication's statistics, every figure, keys in the order of the live ones."""
    return _in_order(publication.statistics)


# --- The small-cell rule ---------------------------------------------------------------


def public_figures(statistics: dict[str, Any]) -> dict[str, Any]:
    """The statistics JSON (`as_json()` shape) as the public may see it: every region
    says whether it is `suppressed`; a region with fewer than 5 counted reports keeps
    its `submitted` count and shows `"average_score": null`. The argument is left as
    it was (a snapshot must stay what was published)."""
    shown = deepcopy(statistics)
    for region in shown.get("regions", []):
        region["suppressed"] = region["submitted"] < MIN_REGIONAL_REPORTS
        if region["suppressed"] and "average_score" in region:
            region["average_score"] = None
    return shown


# --- What a user sees ------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """The statistics of a year as one user may see them.

    `statistics` has the shape of `GET statistics/{year}/`. `is_live`: the agency's
    live figures (otherwise the published snapshot, small cells suppressed).
    `published_at`: when the figures the public sees were published (None: never)."""

    statistics: dict[str, Any]
    is_live: bool
    published_at: datetime | None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def as_json(self) -> dict[str, Any]:
        """The API body: the figures, then `published` and `published_at`."""
        return {
            **self.statistics,
            "published": self.is_published,
            "published_at": timezone.localtime(self.published_at).isoformat()
            if self.published_at
            else None,
        }


def statistics_seen_by(user, year: int, kind: str) -> Figures | None:
    """What `user` may see of `year` and `kind`: agency users the live figures; anyone
    else (anonymous, centre staff) the published snapshot with small cells
    suppressed, or None before publication. Raises `StatisticsError` for a bad year
    or kind."""
    check_year_and_kind(year, kind)
    publication = published_statistics(year, kind)
    published_at = publication.published_at if publication is not None else None
    if is_agency(user):
        return Figures(cached_statistics(year, kind).as_json(), True, published_at)
    if publication is None:
        return None
    return Figures(public_figures(snapshot_figures(publication)), False, published_at)


def trends_seen_by(user, kind: str, first: int, last: int) -> dict[str, Any]:
    """`GET statistics/trends/` for `user`: agency users every year from `first` to
    `last`, live, each with `published`/`published_at`; anyone else only the published
    years, as published (small cells suppressed). Raises `StatisticsError`."""
    check_span(first, last)
    check_year_and_kind(first, kind)
    if is_agency(user):
        dates = _publication_dates(kind, first, last)
        years = [
            Figures(year.as_json(), True, dates.get(year.year)).as_json()
            for year in cached_trends(kind, first, last).years
        ]
    else:
        years = [
            Figures(public_figures(snapshot_figures(p)), False, p.published_at).as_json()
            for p in _published_between(kind, first, last)
        ]
    return {"kind": Kind(kind).value, "years": years}


def not_published_message(year: int, kind: str) -> str:
    """What the public is told about a year not yet published."""
    return _("Данните за %(year)s г. (%(kind)s) още не са публикувани.") % {
        "year": year,
        "kind": Kind(kind).label,
    }
