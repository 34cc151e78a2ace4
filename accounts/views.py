"""The password reset page (accounts/password_reset.py has the rules it applies)."""

from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect

from core.clientip import client_address
from core.queue import enqueue

from .password_reset import password_reset_allowed
from .tasks import password_reset_send_task


class LimitedPasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if password_reset_allowed(email=email, address=client_address(self.request)):
            enqueue(
                password_reset_send_task,
                email=email,
                domain=self.request.get_host(),
                use_https=self.request.is_secure(),
            )
        return HttpResponseRedirect(self.get_success_url())
