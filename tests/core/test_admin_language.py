"""The Django admin speaks Bulgarian: django-axes' names, the selector's JavaScript
strings, and dates as 23.11.2026 г., 08:24."""

import datetime
import json
import re

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from core.models import AuditEntry
from selfassessment.transitions import report_assign


@pytest.fixture
def admin(client, administrator):
    client.force_login(administrator)
    return client


def test_admin_index_names_the_lockout_app_in_bulgarian(admin):
    page = admin.get("/admin/").content.decode()

    assert "Защита на входа" in page
    assert "Опити за вход" in page
    assert "Access attempts" not in page
    assert ">Axes<" not in page


def test_access_attempts_list_is_bulgarian(admin):
    AccessAttempt.objects.create(
        user_agent="Firefox",
        ip_address="192.0.2.1",
        username="someone@example.com",
        http_accept="*/*",
        path_info="/accounts/login/",
        get_data="",
        post_data="",
        failures_since_start=3,
    )

    page = admin.get("/admin/axes/accessattempt/").content.decode()

    for english in ("User Agent", "IP Address", "Attempt Time", "Failed Logins", "Username"):
        assert english not in page, english
    assert "Неуспешни опити" in page
    assert "IP адрес" in page


def test_admin_javascript_catalog_has_the_selector_in_bulgarian(admin):
    catalog = admin.get("/admin/jsi18n/").content.decode()

    # The catalogue is JSON with \u escapes.
    assert json.dumps("Изберете %s, като ги маркирате")[1:-1] in catalog
    assert json.dumps("Избери всички: %s")[1:-1] in catalog


def test_admin_shows_dates_as_written_in_bulgaria(admin, draft, expert):
    report_assign(report=draft, expert=expert, by=expert)
    entry = AuditEntry.objects.get(action="assign")
    entry.created_at = timezone.make_aware(datetime.datetime(2026, 11, 23, 8, 24))
    entry.save()

    page = admin.get("/admin/core/auditentry/").content.decode()

    assert "23.11.2026 г., 08:24" in page
    assert not re.search(r"(след|преди) обяд", page)
