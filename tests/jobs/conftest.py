"""Job tests run on the real worker of tests/conftest.py (celery_worker)."""
