from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats

from core.formatting import bg_number

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`mapping[key]`, or "" when absent: dictionaries keyed by codes in templates."""
    if not mapping:
        return ""
    return mapping.get(key, "")


@register.filter
def points(value):
    """Points as people write them: 77,5 not 77,50; 20 not 20,00 (Bulgarian decimal comma)."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return value
    number = (
        number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    )
    return formats.number_format(number, use_l10n=True)


@register.filter(name="bg")
def bg(value, decimals=2):
    """A figure in Bulgarian format: {{ 93.55|bg }} → 93,55."""
    return bg_number(value, int(decimals))
