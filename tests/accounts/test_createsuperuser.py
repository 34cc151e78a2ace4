"""`createsuperuser` asks for no role: a superuser is always an administrator."""

import io

import pytest
from django.core.management import call_command

from accounts.models import Role, User


def test_noinput_needs_no_role(monkeypatch, db):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-Password-4-admin")
    monkeypatch.delenv("DJANGO_SUPERUSER_ROLE", raising=False)

    call_command(
        "createsuperuser", "--noinput", "--email", "Root@Example.com", stdout=io.StringIO()
    )

    user = User.objects.get(email="root@example.com")
    assert user.role == Role.ADMINISTRATOR
    assert user.is_superuser
    assert user.is_staff  # may enter the admin
    assert user.check_password("a-long-Password-4-admin")


def test_interactive_asks_only_for_email_and_password(monkeypatch, db):
    """Answered through the command's own prompts: a question for a role would fail
    here (no answer is given for it)."""
    from django.contrib.auth.management.commands import createsuperuser

    answers = iter(["admin@example.com"])
    asked = []

    def fake_input(prompt):
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", fake_input)
    monkeypatch.setattr(
        createsuperuser.getpass, "getpass", lambda prompt="": "a-long-Password-4-admin"
    )
    out = io.StringIO()

    call_command("createsuperuser", interactive=True, stdout=out, stdin=_TTY())

    assert len(asked) == 1, asked  # the e-mail; no role
    user = User.objects.get(email="admin@example.com")
    assert user.role == Role.ADMINISTRATOR and user.is_superuser


def test_create_superuser_is_an_administrator_whatever_role_is_passed(db):
    user = User.objects.create_superuser(
        "x@example.com", "a-long-Password-4-admin", role=Role.EXPERT
    )

    assert user.role == Role.ADMINISTRATOR


class _TTY(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture(autouse=True)
def _no_real_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", _TTY())
