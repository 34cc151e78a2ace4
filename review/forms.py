from datetime import timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from selfassessment.labels import content_label
from selfassessment.transitions import CORRECTION_DAYS


def remark_choices(spec):
    """What a remark may be pinned to, by name, grouped as in the framework: the report
    as a whole, each criterion (ЦПО, under its area) or indicator (ЦИПО, under its
    criterion), and each narrative section. The values are content paths."""
    choices: list[tuple[Any, Any]] = [("", content_label(spec, ""))]
    for area in spec.areas:
        paths = [f"scores.{c.code}" for c in area.criteria]
        choices.append((f"{area.code}. {area.title}", [(p, content_label(spec, p)) for p in paths]))
    for criterion in spec.cipo_criteria:
        paths = [f"answers.{i.code}" for i in criterion.indicators]
        choices.append(
            (f"{criterion.code}. {criterion.title}", [(p, content_label(spec, p)) for p in paths])
        )
    paths = [f"narrative.{s.code}" for s in spec.sections]
    choices.append((_("Описателна част"), [(p, content_label(spec, p)) for p in paths]))
    return choices


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Мотиви за връщането"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    due_date = forms.DateField(
        label=_("Срок за корекция"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_date"].initial = timezone.localdate() + timedelta(days=CORRECTION_DAYS)


class RemarkForm(forms.Form):
    field = forms.ChoiceField(label=_("Към"), required=False)
    text = forms.CharField(
        label=_("Забележка"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, spec, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["field"]).choices = remark_choices(spec)


# Without the page's script there are REMARK_ROWS empty rows; the script adds more.
REMARK_ROWS = 3
RemarkFormSet = forms.formset_factory(
    RemarkForm, extra=REMARK_ROWS, max_num=50, absolute_max=50, validate_max=True
)


class AssignForm(forms.Form):
    expert = forms.ModelChoiceField(
        label=_("Експерт"),
        queryset=User.objects.filter(role__in=[Role.EXPERT, Role.ADMINISTRATOR], is_active=True),
        required=False,
        empty_label=_("— без експерт —"),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Причина"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class AnnulForm(forms.Form):
    reason = forms.CharField(
        label=_("Причина за анулирането"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    confirm = forms.BooleanField(
        label=_("Потвърждавам: докладът ще бъде анулиран и няма да се отчита никъде."),
        error_messages={"required": _("Потвърдете анулирането.")},
    )
