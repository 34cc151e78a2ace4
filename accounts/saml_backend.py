"""The authentication backend of e-Authentication sessions.

Django asks every backend on each password log-in, and the session's backend on every
request: this one imports pysaml2 (`accounts/saml.py`) only when it gets an assertion.
"""

from django.contrib.auth.backends import ModelBackend

from .eauth import is_configured


class PersonIdBackend(ModelBackend):
    """Finds the user by the keyed hash of the person identifier; never creates one.

    The assertion consumer calls `user_for_assertion` itself (to tell the person why a
    refusal happened); this backend is what keeps such a session valid, and answers
    `authenticate(session_info=...)` the same way for any other caller.
    """

    def authenticate(
        self,
        request,
        username=None,
        password=None,
        session_info=None,
        assertion_info=None,
        **kwargs,
    ):
        if session_info is None or not is_configured():
            return None
        from . import saml

        try:
            return saml.user_for_assertion(
                request=request, session_info=session_info, assertion_info=assertion_info or {}
            )
        except saml.SamlRefused as refused:
            saml.saml_refusal_record(
                reason=refused.reason, user=refused.user, attempt=refused.attempt
            )
            return None
