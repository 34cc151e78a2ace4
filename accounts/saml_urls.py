"""/saml2/: the e-Authentication endpoints (404 while SAML is not configured).

The views live in `saml_views`, which imports pysaml2 (about a second); they are
loaded on the first request that reaches one, so that no process pays for it at start.
"""

from django.http import Http404
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from .eauth import is_configured


def _deferred(name: str, *, csrf: bool = True):
    def view(request, *args, **kwargs):
        if not is_configured():
            raise Http404
        from . import saml_views

        return getattr(saml_views, name)(request, *args, **kwargs)

    view.__name__ = name
    # The identity provider posts without the portal's CSRF token; the signature is the
    # proof. The middleware reads the flag from the view the URL resolves to.
    return view if csrf else csrf_exempt(view)


urlpatterns = [
    path("login/", _deferred("login"), name="saml2_login"),
    path("link/", _deferred("link"), name="saml2_link"),
    path("acs/", _deferred("acs", csrf=False), name="saml2_acs"),
    path("logout/", _deferred("logout_init"), name="saml2_logout"),
    path("ls/", _deferred("logout", csrf=False), name="saml2_ls"),
    path("ls/post/", _deferred("logout", csrf=False), name="saml2_ls_post"),
    path("metadata/", _deferred("metadata"), name="saml2_metadata"),
]
