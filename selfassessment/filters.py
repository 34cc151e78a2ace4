import django_filters
from django.utils.translation import gettext_lazy as _

from centers.models import Kind
from centers.regions import REGION_CHOICES
from core.years import FIRST_YEAR, LAST_YEAR

from .models import Report, ReportStatus


class ReportFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Година"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    kind = django_filters.ChoiceFilter(
        label=_("Вид"), field_name="center__kind", choices=Kind.choices
    )
    status = django_filters.ChoiceFilter(label=_("Статус"), choices=ReportStatus.choices)
    region = django_filters.ChoiceFilter(
        label=_("Област"), field_name="center__region", choices=REGION_CHOICES
    )
    center = django_filters.CharFilter(
        label=_("Лицензия на центъра"), field_name="center__license_number", max_length=32
    )

    class Meta:
        model = Report
        fields = ["year", "kind", "status", "region", "center"]
