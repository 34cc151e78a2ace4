from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class PortalLanguageMiddleware:
    """Bulgarian unless the user chose English with the switch in the header.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    the portal is a Bulgarian agency's, and most browsers here say English.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class ContentSecurityPolicyMiddleware:
    """A Content-Security-Policy on every response: the portal's pages load scripts,
    styles and images only from the portal itself. The Django admin and the Swagger
    UI keep inline scripts of their own, so they get 'unsafe-inline' for scripts."""

    POLICY = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self' 'unsafe-inline'",  # the charts' inline SVG carries style attributes
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    INLINE_SCRIPT_PATHS = ("/admin/", "/api/docs/")

    def __init__(self, get_response):
        self.get_response = get_response
        self.strict = self._header(self.POLICY)
        self.relaxed = self._header({**self.POLICY, "script-src": "'self' 'unsafe-inline'"})

    @staticmethod
    def _header(policy):
        return "; ".join(f"{name} {value}" for name, value in policy.items())

    def __call__(self, request):
        response = self.get_response(request)
        relaxed = request.path.startswith(self.INLINE_SCRIPT_PATHS)
        response.headers.setdefault(
            "Content-Security-Policy", self.relaxed if relaxed else self.strict
        )
        return response
