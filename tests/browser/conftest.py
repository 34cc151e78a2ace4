"""Playwright driving Debian's chromium against the live test server."""

import os

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _no_static_handler(application):
    return application


@pytest.fixture(scope="session")
def live_server(request, django_db_setup):
    """pytest-django's live server, but static files come through whitenoise from
    the collected, hashed files, as in production (its default handler serves from
    the finders, which know no hashed names)."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost", start=False)
    server.thread.static_handler = _no_static_handler
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between page actions are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """A factory of pages, each in its own browser context (its own log-in)."""
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url, locale="bg-BG")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def log_in(page, email, password):
    page.goto("/accounts/login/")
    page.get_by_label("Е-поща").fill(email)
    page.get_by_label("Парола").fill(password)
    page.locator("main").get_by_role("button", name="Вход").click()
