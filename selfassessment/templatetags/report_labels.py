"""Template filters that name a report's content paths and audit actions (labels.py):

{% load report_labels %}
{{ remark.field|content_label:report.framework }}   → "2.14. <criterion title>"
{{ entry.action|action_label }}                     → „приет“
"""

from django import template

from selfassessment import labels

register = template.Library()


@register.filter
def content_label(path, framework):
    return labels.content_label(framework, path or "")


@register.filter
def action_label(action):
    return labels.action_label(action or "")
