import os
import subprocess
import time

import pytest


def _redis(*args):
    return subprocess.run(
        ["redis-cli", "-p", os.environ["TEST_REDIS_PORT"], *args],
        capture_output=True,
        text=True,
        check=False,
    )


def redis_up():
    for _ in range(100):
        if _redis("ping").stdout.strip() == "PONG":
            return
        time.sleep(0.1)
    raise RuntimeError("Redis did not come back")


@pytest.fixture
def redis_control():
    """Stop the test Redis and start it again; it is running again after the test."""
    if not os.environ.get("TEST_REDIS_CONF"):
        pytest.skip("needs the services of make test")

    class Control:
        @staticmethod
        def stop():
            _redis("shutdown", "nosave")
            for _ in range(100):
                if _redis("ping").returncode != 0:
                    return
                time.sleep(0.1)

        @staticmethod
        def start():
            subprocess.run(["redis-server", os.environ["TEST_REDIS_CONF"]], check=True)
            redis_up()

    yield Control
    if _redis("ping").stdout.strip() != "PONG":
        Control.start()
