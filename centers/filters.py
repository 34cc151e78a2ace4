"""The register's search and filters, shared by the public pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Center, Kind, LicenseStatus
from .regions import REGION_CHOICES


class CenterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Търсене"),
        method="filter_q",
        max_length=100,
        help_text=_("Наименование, ЕИК или номер на лицензията"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Вид"), choices=Kind.choices, empty_label=_("Всички")
    )
    region = django_filters.ChoiceFilter(
        label=_("Област"), choices=REGION_CHOICES, empty_label=_("Всички")
    )
    status = django_filters.ChoiceFilter(
        label=_("Статус"), choices=LicenseStatus.choices, empty_label=_("Всички")
    )

    class Meta:
        model = Center
        fields = ["q", "kind", "region", "status"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)
