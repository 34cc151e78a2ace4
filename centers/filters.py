"""The register's search and filters, shared by the public pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.years import FIRST_YEAR, LAST_YEAR

from .models import Center, Kind, LicenseStatus, ValidationProcedure, ValidationStatus
from .regions import REGION_CHOICES
from .selectors import procedures_counted_for_year


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


class ValidationProcedureFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(
        label=_("Година"),
        method="filter_year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=_("Приключили през годината"),
    )
    region = django_filters.ChoiceFilter(
        label=_("Област"),
        field_name="center__region",
        choices=REGION_CHOICES,
        empty_label=_("Всички"),
    )
    profession = django_filters.CharFilter(
        label=_("Код на професията"), field_name="profession_code", max_length=6
    )
    status = django_filters.ChoiceFilter(
        label=_("Статус"), choices=ValidationStatus.choices, empty_label=_("Всички")
    )
    center = django_filters.CharFilter(
        label=_("Лицензия на центъра"), field_name="center__license_number", max_length=32
    )

    class Meta:
        model = ValidationProcedure
        fields = ["year", "region", "profession", "status", "center"]

    def filter_year(self, queryset, name, value):
        return procedures_counted_for_year(int(value), queryset)
