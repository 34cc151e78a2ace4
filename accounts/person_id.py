"""The person identifier of the national e-Authentication (е-Автентикация).

The identifier carries the ЕГН, which is personal data: the portal keeps only a keyed
hash of it (HMAC-SHA256 with `PERSON_ID_HASH_KEY`), never the identifier itself, and
never logs it. The same person always hashes to the same value, so a hash found in an
assertion finds the user an administrator linked, and nothing else can be read back.
"""

import hashlib
import hmac
import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# The national profile: "PNOBG-" and the ЕГН (10 digits). A bare ЕГН typed in the
# admin means the same person.
_BARE_EGN = re.compile(r"^\d{10}$")


def person_id_normalise(value: str) -> str:
    value = value.strip().upper()
    if _BARE_EGN.match(value):
        return f"PNOBG-{value}"
    return value


def person_id_hash(value: str) -> str:
    key = settings.PERSON_ID_HASH_KEY
    if not key:
        raise ImproperlyConfigured("PERSON_ID_HASH_KEY is not set.")
    normalised = person_id_normalise(value)
    return hmac.new(key.encode(), normalised.encode(), hashlib.sha256).hexdigest()
