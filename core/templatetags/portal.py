from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`mapping[key]`, or "" when absent: dictionaries keyed by codes in templates."""
    if not mapping:
        return ""
    return mapping.get(key, "")
