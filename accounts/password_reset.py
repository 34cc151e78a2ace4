"""Password reset (възстановяване на парола): limited, and sent in the background.

The page answers the same whatever the address: the e-mail is built and sent by a
Celery task (`accounts.tasks.password_reset_send_task`), so the response time does not
tell whether an account exists, and a client cannot make the portal send more than
PASSWORD_RESET_PER_EMAIL messages to one address, nor ask for more than
PASSWORD_RESET_PER_ADDRESS resets from one client address, per period. Over a limit
the page answers as usual and nothing is sent.
"""

import logging

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache

log = logging.getLogger(__name__)
PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def _parse_rate(rate):
    """'3/hour' → (3, 3600)."""
    count, period = rate.split("/")
    return int(count), PERIODS[period]


def _within_limit(key, rate):
    """Count one more request under `key`; False once over `rate`. A cache outage
    lets the request through, as the API throttles do."""
    limit, seconds = _parse_rate(rate)
    try:
        cache.add(key, 0, timeout=seconds)
        return cache.incr(key) <= limit
    except Exception:  # the cache (Redis) is down
        log.warning("password reset limit unavailable", exc_info=True)
        return True


def password_reset_allowed(*, email, address):
    """Whether a reset may be sent to `email` for a client at `address` (both counted)."""
    by_email = _within_limit(
        f"password-reset:email:{email.strip().lower()}", settings.PASSWORD_RESET_PER_EMAIL
    )
    by_address = _within_limit(
        f"password-reset:address:{address}", settings.PASSWORD_RESET_PER_ADDRESS
    )
    return by_email and by_address


def password_reset_send(*, email, domain, use_https):
    """Send the reset e-mail to the active accounts of `email` (none: nothing)."""
    form = PasswordResetForm(data={"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https, html_email_template_name=None)
