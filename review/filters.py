import django_filters
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from centers.models import Center, Kind
from centers.regions import REGION_CHOICES
from core.years import FIRST_YEAR, LAST_YEAR
from selfassessment.models import FILED_STATUSES, QualityLevel, ReportStatus

from .selectors import corrections_overdue, resubmitted_after_return

YES_NO = [("yes", _("да")), ("no", _("не"))]

# The queue's sort menu: (parameter, model field, label).
SORT_FIELDS = (
    ("submitted", "first_submitted_at", _("Дата на подаване")),
    ("license", "center__license_number", _("Лицензия")),
    ("center", "center__name", _("Център")),
    ("year", "year", _("Година")),
    ("total", "total", _("Точки")),
    ("flags", "flag_count", _("Сигнали")),
    ("status", "status", _("Статус")),
)


def _sort_labels():
    """Labels of both directions, ours: django-filter keys the labels by model field
    (so "Submitted", "License"… showed through) and its Bulgarian catalogue
    misspells "descending" („намалавящ“). Lazy, so English shows in English."""
    labels: dict[str, object] = {}
    for param, field, label in SORT_FIELDS:
        labels[field] = label
        labels[f"-{param}"] = format_lazy("{} ({})", label, _("низходящо"))
    return labels


class QueueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Търсене"),
        method="filter_q",
        max_length=100,
        help_text=_("Център, ЕИК или лицензия"),
    )
    year = django_filters.NumberFilter(label=_("Година"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    kind = django_filters.ChoiceFilter(
        label=_("Вид"), field_name="center__kind", choices=Kind.choices, empty_label=_("Всички")
    )
    status = django_filters.ChoiceFilter(
        label=_("Статус"),
        choices=[(s, label) for s, label in ReportStatus.choices if s in FILED_STATUSES],
        empty_label=_("Всички"),
    )
    region = django_filters.ChoiceFilter(
        label=_("Област"),
        field_name="center__region",
        choices=REGION_CHOICES,
        empty_label=_("Всички"),
    )
    level = django_filters.ChoiceFilter(
        label=_("Ниво на качество"), choices=QualityLevel.choices, empty_label=_("Всички")
    )
    on_time = django_filters.ChoiceFilter(
        label=_("В срок"), method="filter_on_time", choices=YES_NO, empty_label=_("Всички")
    )
    expert = django_filters.ModelChoiceFilter(
        label=_("Експерт"),
        field_name="assigned_expert",
        queryset=User.objects.filter(role__in=[Role.EXPERT, Role.ADMINISTRATOR]),
        empty_label=_("Всички"),
        null_label=_("— без експерт —"),
    )
    zero_value = django_filters.ChoiceFilter(
        label=_("С нулева стойност"),
        method="filter_zero_value",
        choices=YES_NO,
        empty_label=_("Всички"),
    )
    flagged = django_filters.ChoiceFilter(
        label=_("Със сигнали"), method="filter_flagged", choices=YES_NO, empty_label=_("Всички")
    )
    resubmitted = django_filters.ChoiceFilter(
        label=_("Подаден отново след връщане"),
        method="filter_resubmitted",
        choices=YES_NO,
        empty_label=_("Всички"),
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Просрочена корекция"),
        method="filter_overdue",
        choices=YES_NO,
        empty_label=_("Всички"),
    )
    sort = django_filters.OrderingFilter(
        label=_("Подреждане"),
        fields=tuple((field, param) for param, field, _label in SORT_FIELDS),
        field_labels=_sort_labels(),
    )

    def filter_q(self, queryset, name, value):
        return queryset.filter(center__in=Center.objects.search(value))

    def filter_on_time(self, queryset, name, value):
        return queryset.filter(submitted_on_time=value == "yes")

    def filter_zero_value(self, queryset, name, value):
        zero = queryset.filter(center__kind=Kind.CPO, total=0)
        return zero if value == "yes" else queryset.exclude(pk__in=zero.values("pk"))

    def filter_flagged(self, queryset, name, value):
        return (
            queryset.filter(flag_count__gt=0)
            if value == "yes"
            else queryset.filter(flag_count=None)
        )

    def filter_resubmitted(self, queryset, name, value):
        found = resubmitted_after_return(queryset)
        return found if value == "yes" else queryset.exclude(pk__in=found.values("pk"))

    def filter_overdue(self, queryset, name, value):
        found = corrections_overdue(queryset, timezone.localdate())
        return found if value == "yes" else queryset.exclude(pk__in=found.values("pk"))
