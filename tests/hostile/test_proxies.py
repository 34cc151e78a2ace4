"""The client address comes only from a trusted proxy hop (issue 13, point 5)."""

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory
from rest_framework.request import Request

from core.clientip import client_address
from core.throttling import AnonThrottle

from ..conftest import PASSWORD


def _request(forwarded=None, remote="192.0.2.1"):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/api/v1/centers/", **headers)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = 0
    for forwarded in (None, "1.2.3.4", "5.6.7.8, 9.9.9.9"):
        assert client_address(_request(forwarded)) == "192.0.2.1"
        assert get_client_ip_address(_request(forwarded)) == "192.0.2.1"


def test_behind_one_proxy_its_hop_is_the_client(settings):
    settings.TRUSTED_PROXIES = 1
    # The client forged "6.6.6.6"; the proxy appended the address it saw.
    request = _request("6.6.6.6, 198.51.100.20", remote="10.0.0.2")
    assert client_address(request) == "198.51.100.20"
    assert get_client_ip_address(request) == "198.51.100.20"


def test_api_throttle_gives_no_fresh_bucket_for_a_forged_header():
    idents = {
        AnonThrottle().get_ident(Request(_request(forwarded)))
        for forwarded in (None, "1.2.3.4", "5.6.7.8", "a, b, c")
    }
    assert idents == {"192.0.2.1"}


@pytest.mark.django_db
def test_lock_out_of_one_client_behind_the_proxy_spares_another(client, center_staff, settings):
    settings.TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/",
            {"username": center_staff.email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.66",
            **proxy,
        )
    attacker = client.post(
        "/accounts/login/",
        {"username": center_staff.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.66",
        **proxy,
    )
    assert attacker.status_code == 429

    victim = client.post(
        "/accounts/login/",
        {"username": center_staff.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.5",
        **proxy,
    )
    assert victim.status_code == 302
