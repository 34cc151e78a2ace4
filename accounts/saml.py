"""Log-in through the national e-Authentication (е-Автентикация, SAML 2.0).

The portal is a SAML service provider (djangosaml2 over pysaml2; signatures by
`xmlsec1`). Its configuration is built from the settings on every use (`sp_config`),
so that it follows the environment — and a test's settings. With `SAML_IDP_METADATA`
unset the whole feature is off: the button is hidden and `/saml2/*` answer 404.

Who is who: an assertion carries the person identifier (`SAML_ATTRIBUTE_PERSON_ID`,
"PNOBG-<ЕГН>"); the portal looks its keyed hash up among the users
(`accounts/person_id.py`) and never creates a user. Each round that reaches the
assertion consumer is recorded (`SamlLogin`) and audited: log-ins, links and refusals.
The identifier itself is neither stored, nor audited, nor logged.
"""

import shutil
from datetime import UTC, datetime
from typing import Any

import saml2
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from saml2.config import SPConfig
from saml2.response import StatusError, UnsolicitedResponse
from saml2.sigver import SignatureError
from saml2.validate import ResponseLifetimeExceed, ToEarly

from core.audit import audit

from .models import SamlLogin, User
from .person_id import person_id_hash

# The saml session key that turns the next round into linking the logged-in user.
LINK_SESSION_KEY = "navet_link_user"


def sp_entity_id() -> str:
    return settings.SAML_SP_ENTITY_ID or f"{settings.PORTAL_BASE_URL.rstrip('/')}/saml2/metadata/"


def sp_config(request=None) -> SPConfig:
    """djangosaml2's configuration loader (`SAML_CONFIG_LOADER`): signed requests out,
    signed assertions in, nothing unsolicited, SHA-256."""
    base = settings.PORTAL_BASE_URL.rstrip("/")
    keypair = {"key_file": settings.SAML_SP_KEY, "cert_file": settings.SAML_SP_CERT}
    config: dict[str, Any] = {
        "entityid": sp_entity_id(),
        "xmlsec_binary": shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
        "allow_unknown_attributes": True,
        "accepted_time_diff": settings.SAML_ACCEPTED_TIME_DIFF,
        "service": {
            "sp": {
                "name": "НАПОО — Портал за качеството",
                "endpoints": {
                    "assertion_consumer_service": [
                        (f"{base}/saml2/acs/", saml2.BINDING_HTTP_POST),
                    ],
                    "single_logout_service": [
                        (f"{base}/saml2/ls/", saml2.BINDING_HTTP_REDIRECT),
                        (f"{base}/saml2/ls/post/", saml2.BINDING_HTTP_POST),
                    ],
                },
                "authn_requests_signed": True,
                "logout_requests_signed": True,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "allow_unsolicited": False,
                "required_attributes": [settings.SAML_ATTRIBUTE_PERSON_ID],
                "signing_algorithm": saml2.xmldsig.SIG_RSA_SHA256,
                "digest_algorithm": saml2.xmldsig.DIGEST_SHA256,
            }
        },
        "metadata": {"local": [settings.SAML_IDP_METADATA]},
        **keypair,
        # An identity provider that encrypts assertions encrypts them to this key.
        "encryption_keypairs": [keypair],
    }
    conf = SPConfig()
    conf.load(config)
    return conf


# --- Refusals ---------------------------------------------------------------------

REFUSAL_MESSAGES = {
    "signature": _(
        "Отговорът от е-Автентикация не е подписан или подписът му не е валиден. "
        "Опитайте отново; ако грешката се повтори, обърнете се към администратора на "
        "портала в НАПОО."
    ),
    "expired": _("Отговорът от е-Автентикация е изтекъл. Започнете входа отново."),
    "replayed": _(
        "Този отговор от е-Автентикация вече е бил използван или не е поискан от портала. "
        "Започнете входа отново."
    ),
    "invalid": _(
        "Отговорът от е-Автентикация не е предназначен за този портал или не е валиден. "
        "Започнете входа отново."
    ),
    "not-completed": _("Входът в е-Автентикация не беше завършен."),
    "no-identifier": _("Отговорът от е-Автентикация не съдържа идентификатор на лицето."),
    "unknown": _(
        "Идентификаторът, с който влязохте в е-Автентикация, не е свързан с потребител на "
        "портала. Обърнете се към администратора на портала в НАПОО, за да го свърже с "
        "профила Ви, или влезте с паролата си и изберете „Свържи профила с "
        "е-Автентикация“. Порталът не създава профили сам."
    ),
    "inactive": _(
        "Профилът, свързан с този идентификатор, е деактивиран. Обърнете се към "
        "администратора на портала в НАПОО."
    ),
    "locked": _(
        "Входът за този профил е временно блокиран след поредица от неуспешни опити. "
        "Опитайте отново по-късно."
    ),
    "taken": _(
        "Този идентификатор вече е свързан с друг профил в портала. Обърнете се към "
        "администратора на портала в НАПОО."
    ),
}


class SamlRefused(PermissionDenied):
    def __init__(self, reason: str, *, user: User | None = None, attempt=None):
        super().__init__(reason)
        self.reason = reason
        self.user = user
        self.attempt = attempt


def refusal_reason(exception: BaseException | None) -> str:
    """What a failure of pysaml2's checks means to the person."""
    if isinstance(exception, SamlRefused):
        return exception.reason
    if isinstance(exception, SignatureError):
        return "signature"
    if isinstance(exception, ResponseLifetimeExceed | ToEarly):
        return "expired"
    if isinstance(exception, UnsolicitedResponse):
        return "replayed"
    if isinstance(exception, StatusError):
        return "not-completed"
    return "invalid"


def saml_refusal_record(*, reason: str, user: User | None = None, attempt=None) -> SamlLogin:
    """Records and audits a refused round (its reason, never the identifier)."""
    if attempt is None:
        attempt = SamlLogin(outcome=SamlLogin.Outcome.REFUSED)
    attempt.outcome = SamlLogin.Outcome.REFUSED
    attempt.reason = reason
    attempt.user = user
    attempt.save()
    audit(target=attempt, actor=user, action="saml-refused", changes={"reason": reason})
    return attempt


# --- Accepted assertions ----------------------------------------------------------


def _person_id(session_info: dict) -> str:
    values = session_info.get("ava", {}).get(settings.SAML_ATTRIBUTE_PERSON_ID) or []
    value = values[0] if isinstance(values, list | tuple) and values else values
    if not isinstance(value, str) or not value.strip():
        raise SamlRefused("no-identifier")
    return value


def _attempt_start(assertion_info: dict) -> SamlLogin:
    """Records the assertion's ID; a second assertion with the same ID is a replay."""
    assertion_id = assertion_info.get("assertion_id") or None
    not_on_or_after = assertion_info.get("not_on_or_after")
    expires = None
    if not_on_or_after:
        expires = datetime.strptime(not_on_or_after[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
    try:
        with transaction.atomic():
            return SamlLogin.objects.create(
                assertion_id=assertion_id,
                not_on_or_after=expires,
                outcome=SamlLogin.Outcome.REFUSED,
                reason="pending",
            )
    except IntegrityError:
        raise SamlRefused("replayed") from None


def _is_locked_out(request, user: User) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    return bool(AxesProxyHandler.is_locked(request, {"username": user.email}))


def user_for_assertion(*, request, session_info: dict, assertion_info: dict) -> User:
    """The user an accepted assertion names, or `SamlRefused` (recorded by the caller)."""
    attempt = _attempt_start(assertion_info)
    try:
        digest = person_id_hash(_person_id(session_info))
        user = User.objects.filter(person_id_hash=digest).first()
        if user is None:
            raise SamlRefused("unknown")
        if not user.is_active:
            raise SamlRefused("inactive", user=user)
        if _is_locked_out(request, user):
            raise SamlRefused("locked", user=user)
    except SamlRefused as refused:
        refused.attempt = attempt
        raise
    attempt.user = user
    attempt.outcome = SamlLogin.Outcome.LOGGED_IN
    attempt.reason = ""
    attempt.save()
    audit(target=attempt, actor=user, action="saml-login", changes={})
    return user


@transaction.atomic
def user_link_person_id(*, request, user_id: int, session_info: dict, assertion_info: dict) -> User:
    """Links the logged-in user who started the round to the identifier it returned."""
    attempt = _attempt_start(assertion_info)
    user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
    try:
        if user is None:
            raise SamlRefused("inactive")
        digest = person_id_hash(_person_id(session_info))
        if User.objects.filter(person_id_hash=digest).exclude(pk=user.pk).exists():
            raise SamlRefused("taken", user=user)
    except SamlRefused as refused:
        refused.attempt = attempt
        raise
    user.person_id_hash = digest
    user.save(update_fields=["person_id_hash"])
    attempt.user = user
    attempt.outcome = SamlLogin.Outcome.LINKED
    attempt.reason = ""
    attempt.save()
    audit(target=user, actor=user, action="saml-linked", changes={"attempt": attempt.pk})
    return user
