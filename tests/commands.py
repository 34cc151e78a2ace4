"""Run manage.py as a separate process against the test database, to see its real
exit status and output (the test must use a transactional database)."""

import os
import subprocess
import sys

from django.conf import settings


def run_manage(*args):
    env = dict(os.environ)
    url = env.get("DATABASE_URL", "")
    if url:
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + settings.DATABASES["default"]["NAME"]
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
    )
