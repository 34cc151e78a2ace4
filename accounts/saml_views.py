"""The e-Authentication endpoints at /saml2/: djangosaml2's views, answering 404 while
SAML is not configured, with the portal's own user lookup, link and refusal page."""

from collections.abc import Callable
from typing import cast

from django.contrib import auth
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import decorator_from_middleware
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from djangosaml2 import views as saml_views
from djangosaml2.middleware import SamlSessionMiddleware

from . import eauth, saml


def with_saml_session(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The SAML session (outstanding requests, the link request) lives in its own cookie,
    which travels with the identity provider's cross-site POST; only these views use it."""
    return cast(
        Callable[..., HttpResponseBase], decorator_from_middleware(SamlSessionMiddleware)(view)
    )


class ConfiguredOnly:
    def dispatch(self, request, *args, **kwargs):
        if not eauth.is_configured():
            raise Http404
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class LoginView(ConfiguredOnly, saml_views.LoginView):
    def get(self, request, *args, **kwargs):
        # A link request holds only for the user who made it, still logged in: an
        # abandoned one must not link the next person to use this browser.
        if request.saml_session.get(saml.LINK_SESSION_KEY) != request.user.pk:
            request.saml_session.pop(saml.LINK_SESSION_KEY, None)
        return super().get(request, *args, **kwargs)

    def should_prevent_auth(self, request) -> bool:
        # A logged-in user who asked to link the profile goes through a round.
        linking = saml.LINK_SESSION_KEY in request.saml_session
        return request.user.is_authenticated and not linking


class LinkView(ConfiguredOnly, LoginRequiredMixin, View):
    """„Свържи профила с е-Автентикация“: the next round links the logged-in user."""

    def post(self, request):
        request.saml_session[saml.LINK_SESSION_KEY] = request.user.pk
        # Not a redirect: the page's CSP (form-action 'self') would stop a form's
        # redirect chain at the identity provider; a link or a refresh may go there.
        next_url = f"{reverse('saml2_login')}?next={reverse('password_change')}"
        return render(request, "registration/saml_link_start.html", {"next_url": next_url})


class AssertionConsumerServiceView(ConfiguredOnly, saml_views.AssertionConsumerServiceView):
    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        reason = saml.refusal_reason(exception)
        saml.saml_refusal_record(
            reason=reason,
            user=getattr(exception, "user", None),
            attempt=getattr(exception, "attempt", None),
        )
        request.saml_session.pop(saml.LINK_SESSION_KEY, None)
        return render(
            request,
            "registration/saml_refused.html",
            {"message": saml.REFUSAL_MESSAGES[reason], "reason": reason},
            status=status,
        )

    def authenticate_user(
        self, request, session_info, attribute_mapping, create_unknown_user, assertion_info
    ):
        # djangosaml2's own version logs the session info, which holds the identifier.
        link_user_id = request.saml_session.pop(saml.LINK_SESSION_KEY, None)
        if link_user_id is not None:
            user = saml.user_link_person_id(
                request=request,
                user_id=link_user_id,
                session_info=session_info,
                assertion_info=assertion_info,
            )
        else:
            user = saml.user_for_assertion(
                request=request, session_info=session_info, assertion_info=assertion_info
            )
        auth.login(request, user, backend="accounts.saml_backend.PersonIdBackend")
        saml_views._set_subject_id(request.saml_session, session_info["name_id"])
        return user


class LogoutInitView(ConfiguredOnly, saml_views.LogoutInitView):
    pass


class LogoutView(ConfiguredOnly, saml_views.LogoutView):
    pass


class MetadataView(ConfiguredOnly, saml_views.MetadataView):
    pass


login = with_saml_session(LoginView.as_view())
link = with_saml_session(LinkView.as_view())
# The identity provider posts without the portal's CSRF token; the signature is the proof.
# The response carries the person identifier: error reports must not show it.
acs = csrf_exempt(
    sensitive_post_parameters("SAMLResponse")(
        with_saml_session(AssertionConsumerServiceView.as_view())
    )
)
logout_init = with_saml_session(LogoutInitView.as_view())
logout = csrf_exempt(with_saml_session(LogoutView.as_view()))
metadata = with_saml_session(MetadataView.as_view())
