"""API throttles, in a module of their own: rest_framework.views reads the
throttle setting while it is imported, so they must not live beside code that
imports rest_framework.views (a circular import when this is imported first)."""

import logging

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

log = logging.getLogger(__name__)


class _FailOpen(SimpleRateThrottle):
    """Throttling must not turn a cache outage into errors: without the cache, let
    the request through (and say so in the log)."""

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:  # the cache (Redis) is down
            log.warning("throttle cache unavailable", exc_info=True)
            return True


class AnonThrottle(_FailOpen, AnonRateThrottle):
    pass


class UserThrottle(_FailOpen, UserRateThrottle):
    pass
