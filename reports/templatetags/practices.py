"""The good-practice panel of the review screen: what it needs from reports."""

from django import template

from reports.practices import practices_of_report, report_narrative

register = template.Library()


@register.simple_tag
def good_practices(report):
    """{"practices": the report's marked practices, "sections": [(code, title)] of its
    narrative sections that have text}."""
    narrative = report_narrative(report)
    sections = [
        (s.code, s.title)
        for s in report.framework.spec.sections
        if (narrative.get(s.code) or "").strip()
    ]
    titles = dict(sections)
    practices = list(practices_of_report(report))
    for practice in practices:
        practice.section_title = titles.get(practice.section, practice.section)
    return {"practices": practices, "sections": sections}
