from decimal import Decimal, InvalidOperation

from django import template
from django.forms.utils import flatatt
from django.utils import formats
from django.utils.html import format_html

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


@register.filter
def radio_input(option):
    """A radio option's <input>, written here rather than through the widget's
    templates: the report form has hundreds of options, and rendering each through
    three template files was half the page's time."""
    data = option.data
    return format_html(
        '<input type="{}" name="{}" value="{}"{}>',
        data["type"],
        data["name"],
        data["value"],
        flatatt(data["attrs"]),
    )
