from datetime import timedelta
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from selfassessment.transitions import CORRECTION_DAYS


def remark_choices(spec):
    choices: list[tuple[str, str | Promise]] = [("", _("Докладът като цяло"))]
    choices += [(f"scores.{c.code}", f"{c.code}. {c.title}") for c in spec.criteria]
    choices += [(f"answers.{i.code}", f"{i.code}. {i.title}") for i in spec.indicators]
    choices += [(f"narrative.{s.code}", s.title) for s in spec.sections]
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


RemarkFormSet = forms.formset_factory(RemarkForm, extra=3, max_num=50)


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
