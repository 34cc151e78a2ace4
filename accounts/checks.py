"""System checks: with e-Authentication configured, everything it needs is there."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register()
def saml_configuration(app_configs=None, **kwargs):
    if not settings.SAML_IDP_METADATA:
        return []
    errors = []
    if not settings.PERSON_ID_HASH_KEY:
        errors.append(
            Error("PERSON_ID_HASH_KEY is required with SAML_IDP_METADATA.", id="accounts.E001")
        )
    for name in ("SAML_IDP_METADATA", "SAML_SP_CERT", "SAML_SP_KEY"):
        value = getattr(settings, name)
        if not value or not Path(value).is_file():
            errors.append(Error(f"{name} must name a readable file.", id="accounts.E002"))
    if not shutil.which("xmlsec1"):
        errors.append(
            Error(
                "xmlsec1 is required for e-Authentication (apt-get install xmlsec1).",
                id="accounts.E003",
            )
        )
    return errors
