import time


def wait_for(condition, seconds=30):
    """Poll `condition` until it holds (True) or `seconds` pass (False)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def wait_for_idle_worker(seconds=30):
    """Wait until the Celery worker has nothing queued, reserved or running (what a
    job queued is then done): the way to show that nothing more will arrive."""
    import redis
    from django.conf import settings

    from navet_portal.celery import app

    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    queue = app.conf.task_default_queue

    def idle():
        if broker.llen(queue):
            return False
        inspect = app.control.inspect(timeout=0.5)
        busy = [inspect.active() or {}, inspect.reserved() or {}]
        return not any(tasks for found in busy for tasks in found.values())

    return wait_for(lambda: idle() and idle(), seconds)
