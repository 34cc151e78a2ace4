from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ValidationProcedure


class ValidationProcedureForm(forms.ModelForm):
    """A procedure of one centre: the specialty is one of the centre's licensed ones.
    The rules across fields are the service's (centers.services)."""

    specialty_code = forms.ChoiceField(label=_("Професия и специалност"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ValidationProcedure
        fields = [
            "specialty_code",
            "scope",
            "start_date",
            "end_date",
            "applicants",
            "validated",
            "status",
            "note",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "end_date": _("Празно, докато процедурата е в ход."),
            "applicants": _("Лицата, преминали през процедурата."),
        }

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center
        cast(forms.ChoiceField, self.fields["specialty_code"]).choices = [("", "—")] + [
            (
                p.specialty_code,
                f"{p.profession_code} {p.profession_name} — {p.specialty_code} {p.specialty_name}",
            )
            for p in center.professions.all()
        ]
        for name in ("start_date", "end_date"):
            cast(forms.DateField, self.fields[name]).input_formats = ["%Y-%m-%d", "%d.%m.%Y"]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def _post_clean(self):
        # The model is saved by the service, which checks the cross-field rules.
        pass

    def values(self):
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}
