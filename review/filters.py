import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from centers.models import Center, Kind
from centers.regions import REGION_CHOICES
from core.years import FIRST_YEAR, LAST_YEAR
from selfassessment.models import FILED_STATUSES, QualityLevel, ReportStatus

YES_NO = [("yes", _("да")), ("no", _("не"))]


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
    sort = django_filters.OrderingFilter(
        label=_("Подреждане"),
        fields=(
            ("first_submitted_at", "submitted"),
            ("center__license_number", "license"),
            ("center__name", "center"),
            ("year", "year"),
            ("total", "total"),
            ("flag_count", "flags"),
            ("status", "status"),
        ),
        field_labels={
            "submitted": _("Дата на подаване"),
            "license": _("Лицензия"),
            "center": _("Център"),
            "year": _("Година"),
            "total": _("Точки"),
            "flags": _("Сигнали"),
            "status": _("Статус"),
        },
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
