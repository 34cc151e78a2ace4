"""PostgreSQL restarts while the portal is in use: the portal recovers without a
restart of its own processes.

The portal runs as it does in production, in gunicorn with persistent database
connections; Django's test client would not do, as it switches off the per-request
connection checks that make recovery possible.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

from ..factories import CenterFactory


def restart_postgres():
    command = [
        os.environ["TEST_PG_CTL"],
        "-D",
        os.environ["TEST_PGDATA"],
        "-l",
        os.path.join(os.path.dirname(os.environ["TEST_PGDATA"]), "pg.log"),
        "-m",
        "fast",
        "-w",
        "restart",
    ]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    # The new postmaster inherits pg_ctl's stdout: a pipe here would never close.
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60
    )


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture
def portal(transactional_db, tmp_path):
    """The portal in gunicorn (two workers, connections kept for 60 s) on the test database."""
    if not os.environ.get("TEST_PG_CTL") or connection.vendor != "postgresql":
        pytest.skip("needs the services of make test")
    env = dict(os.environ)
    env["DATABASE_URL"] = (
        env["DATABASE_URL"].rsplit("/", 1)[0] + "/" + settings.DATABASES["default"]["NAME"]
    )
    env.update(DATABASE_CONN_MAX_AGE="60", ALLOWED_HOSTS="127.0.0.1")
    port = free_port()
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "navet_portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            get(base + "/api/v1/centers/")
            break
        except OSError:
            time.sleep(0.05)
    yield base
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    log.close()


def test_requests_succeed_after_a_postgres_restart(portal, tmp_path):
    center = CenterFactory()
    detail = f"{portal}/api/v1/centers/{center.license_number}/"
    # Enough requests that both workers hold a connection opened before the restart.
    assert [get(detail) for _ in range(6)] == [200] * 6

    restart_postgres()
    connection.close()  # this process's own connection died with the server

    statuses = [get(detail) for _ in range(6)] + [get(f"{portal}/centers/")]
    assert statuses == [200] * 7, (tmp_path / "gunicorn.log").read_text()
