"""Security settings and hostile input that must never cost a 500 or a saved byte."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

from selfassessment.models import Report

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x8#Kq2!vR9@mT4$wZ7^pL1&nB6*cF3(hJ5)dG0-sY8+eU2=aQ9",
    "ALLOWED_HOSTS": "portal.navet.government.bg",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_COOKIES": "1",
}


def _run_without_a_key(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_without_secret_key_tools_run_but_the_server_refuses_to_start():
    tool = _run_without_a_key("manage.py", "makemigrations", "--check", "--dry-run")
    server = _run_without_a_key("-c", "import navet_portal.wsgi")

    assert tool.returncode == 0, tool.stderr
    assert server.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off." in server.stderr


def test_check_deploy_is_clean_with_production_settings():
    # The browser tests' conftest lets Playwright's sync API share the process;
    # a production server never has that switch.
    test_only = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env={**env, **PRODUCTION},
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_content_security_policy(client, db):
    page = client.get("/centers/")
    admin = client.get("/admin/login/")

    policy = page["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self' 'unsafe-inline'" in admin["Content-Security-Policy"]


def test_session_cookie_is_http_only_and_expires(client, center_staff):
    from ..conftest import PASSWORD

    response = client.post(
        "/accounts/login/", {"username": center_staff.email, "password": PASSWORD}
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]

    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/password/reset/", "/i18n/setlang/"])
def test_every_post_needs_a_csrf_token(db, url):
    client = Client(enforce_csrf_checks=True)

    assert (
        client.post(url, {"username": "a@b.bg", "password": "x", "email": "a@b.bg"}).status_code
        == 403
    )


def test_report_save_and_api_need_a_csrf_token_with_a_session(draft, center_staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(center_staff)

    page = client.post(f"/reports/{draft.pk}/", {"version": 1, "action": "save", "scores-1-1": "2"})
    api = client.patch(
        f"/api/v1/reports/{draft.pk}/",
        {"version": 1, "scores": {"1.1": 2}},
        content_type="application/json",
    )

    assert page.status_code == 403
    assert api.status_code == 403
    assert Report.objects.get(pk=draft.pk).content["scores"] == {}


def test_oversized_body_is_a_400(api_client, draft, center_staff):
    api_client.force_authenticate(center_staff)
    body = (
        '{"version": 1, "narrative": {"goal": "'
        + "я" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        + '"}}'
    )

    response = api_client.generic(
        "PATCH", f"/api/v1/reports/{draft.pk}/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"] == "Тялото на заявката е твърде голямо."
    assert Report.objects.get(pk=draft.pk).content["narrative"] == {}


def test_overlong_field_is_a_field_error(api_client, draft, center_staff):
    api_client.force_authenticate(center_staff)

    response = api_client.patch(
        f"/api/v1/reports/{draft.pk}/",
        {"version": 1, "narrative": {"goal": "а" * 20_001}},
        format="json",
    )

    assert response.status_code == 400
    assert "narrative.goal" in response.json()


def test_wrong_encoding_is_a_400(api_client, draft, center_staff):
    api_client.force_authenticate(center_staff)
    body = '{"version": 1, "narrative": {"goal": "Цел"}}'.encode("cp1251")

    response = api_client.generic(
        "PATCH", f"/api/v1/reports/{draft.pk}/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert Report.objects.get(pk=draft.pk).version == 1


def test_api_is_throttled(api_client, db, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/minute"}
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        codes = [api_client.get("/api/v1/centers/").status_code for _ in range(5)]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
    assert codes[:3] == [200, 200, 200]
    assert codes[3:] == [429, 429]


def test_the_published_placeholder_key_does_not_start_the_server():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["SECRET_KEY"] = "change-me-to-a-long-random-string"  # .env.example's
    server = subprocess.run(
        [sys.executable, "-c", "import navet_portal.wsgi"],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert server.returncode != 0
    assert "SECRET_KEY is a published placeholder" in server.stderr


def test_language_cookie_is_as_private_as_the_session_cookie():
    env = {
        k: v for k, v in os.environ.items() if k not in {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    code = (
        "from django.conf import settings as s;"
        "print(s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_HTTPONLY, s.LANGUAGE_COOKIE_SAMESITE)"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django,os;os.environ.setdefault('DJANGO_SETTINGS_MODULE',"
            "'navet_portal.settings');django.setup();" + code,
        ],
        capture_output=True,
        text=True,
        env={**env, **PRODUCTION},
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.stdout.split() == ["True", "True", "Lax"], result.stderr
