"""The report form for centre staff, built from the report's framework.

Field names are the content's dotted keys with dashes ("scores-1-1",
"narrative-goal"), so that errors from the services land on their field and the
error summary can link to it. Each input also carries its part and code
(data-part, data-code) for the autosave script, which sends them to the API.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .frameworks import json_number
from .kinds import NO, YES, kind_of


def field_name(key):
    return key.replace(".", "-")


def _points_label(level):
    return _("%(label)s — %(points)s т.") % {
        "label": level.label,
        "points": json_number(level.points),
    }


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, spec, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        for criterion in spec.criteria:
            self.fields[field_name(f"scores.{criterion.code}")] = forms.ChoiceField(
                label=f"{criterion.code}. {criterion.title}",
                choices=[
                    (str(json_number(lv.points)), _points_label(lv)) for lv in criterion.levels
                ],
                widget=forms.RadioSelect(
                    attrs={
                        "class": "level-choice",
                        "data-part": "scores",
                        "data-code": criterion.code,
                    }
                ),
                required=False,
                help_text=criterion.indicator,
            )
        for indicator in spec.indicators:
            self.fields[field_name(f"answers.{indicator.code}")] = forms.ChoiceField(
                label=f"{indicator.code}. {indicator.title}",
                choices=[(YES, _("Да")), (NO, _("Не"))],
                widget=forms.RadioSelect(
                    attrs={"data-part": "answers", "data-code": indicator.code}
                ),
                required=False,
            )
            self.fields[field_name(f"comments.{indicator.code}")] = forms.CharField(
                label=_("Коментар към %(code)s") % {"code": indicator.code},
                required=False,
                max_length=2000,
                widget=forms.Textarea(
                    attrs={"rows": 2, "data-part": "comments", "data-code": indicator.code}
                ),
            )
        for section in spec.sections:
            self.fields[field_name(f"narrative.{section.code}")] = forms.CharField(
                label=section.title,
                required=False,
                max_length=20000,
                widget=forms.Textarea(
                    attrs={"rows": 6, "data-part": "narrative", "data-code": section.code}
                ),
            )

    @staticmethod
    def initial_from(report):
        content = report.content
        initial = {"version": report.version}
        for code, points in (content.get("scores") or {}).items():
            initial[field_name(f"scores.{code}")] = str(points)
        for code, value in (content.get("answers") or {}).items():
            initial[field_name(f"answers.{code}")] = YES if value else NO
        for part in ("comments", "narrative"):
            for code, text in (content.get(part) or {}).items():
                initial[field_name(f"{part}.{code}")] = text
        return initial

    def content_changes(self):
        """The whole form as content for services.report_update; an empty choice
        clears what was saved."""
        data = self.cleaned_data
        changes: dict[str, Any] = {"narrative": {}}
        for section in self.spec.sections:
            changes["narrative"][section.code] = data[field_name(f"narrative.{section.code}")]
        changes.update(
            kind_of(self.spec).form_changes(self.spec, lambda key: data[field_name(key)])
        )
        return changes

    def add_service_errors(self, errors):
        """Put a service's {dotted key: [messages]} on the matching fields."""
        for key, messages in errors.items():
            name = field_name(key)
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
