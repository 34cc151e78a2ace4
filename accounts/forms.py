from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Е-поща"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
