from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .eauth import password_login_refused


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Е-поща"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if password_login_refused(user):
            raise forms.ValidationError(
                _(
                    "Служителите на центровете влизат в портала само с е-Автентикация: "
                    "използвайте бутона „Вход с е-Автентикация“."
                ),
                code="eauth_required",
            )
