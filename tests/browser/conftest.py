"""Playwright driving Debian's chromium against the live test server."""

import os
from pathlib import Path

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


# Screenshots are test artefacts (kept by CI, not committed): look at them.
ARTEFACTS = Path(os.environ.get("TEST_ARTEFACTS", "test-results")) / "screenshots"
WIDTHS = {"desktop": 1280, "phone": 390}


def screenshot(page, name):
    """Save the whole page at each width (1280 and 390 px) as <name>-<width>.png, and
    return the page's horizontal overflow at each width (0 when nothing scrolls sideways)."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    overflow = {}
    original = page.viewport_size
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=ARTEFACTS / f"{name}-{label}.png", full_page=True)
        overflow[label] = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    if original:
        page.set_viewport_size(original)
    return overflow
