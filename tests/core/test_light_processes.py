"""Processes start light: the URL configuration, the forms, the template tags and the
Celery tasks load without the heavy libraries that only drawing, rendering and
e-Authentication use (matplotlib/numpy ~1.5 s, pysaml2 ~1 s, WeasyPrint)."""

import os
import subprocess
import sys

from django.conf import settings

HEAVY = ("matplotlib", "numpy", "weasyprint", "saml2", "djangosaml2")

PROBE = """
import sys
import django
django.setup()
from django.template import engines
from django.urls import get_resolver
get_resolver().url_patterns
from navet_portal.celery import app
app.loader.import_default_modules()
from django.contrib.auth import get_backends
get_backends()
engines["django"].from_string("{% load eauth %}{% eauth_enabled %}").render({})
print(" ".join(m for m in HEAVY if m in sys.modules))
""".replace("HEAVY", repr(HEAVY))


def test_start_imports_no_heavy_library():
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="navet_portal.settings", DEBUG="1")
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
