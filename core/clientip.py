"""The client's address, as far as the portal can trust it.

`TRUSTED_PROXIES` (setting and environment variable) is the number of reverse proxies
in front of the portal that append the address they saw to `X-Forwarded-For`. With 0
(the default) the header is ignored: anyone can send it. With n, the n-th address from
the right is the client's, which the nearest trusted proxy wrote; what the client put
further left is ignored. The API throttles (DRF's NUM_PROXIES) and the log-in lock-out
(django-axes) both use this rule.
"""

from django.conf import settings


def client_address(request):
    remote = request.META.get("REMOTE_ADDR", "")
    hops = getattr(settings, "TRUSTED_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if hops <= 0 or not forwarded:
        return remote
    addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
    if not addresses:
        return remote
    return addresses[-min(hops, len(addresses))]
