"""With DEBUG off, errors are pages of the portal in the user's language, saying
what happened and where to go; under /api/ they stay JSON."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False
    yield
    # The language middleware leaves the last request's language active in this
    # thread: the next test starts in Bulgarian.
    translation.activate(settings.LANGUAGE_CODE)


def _in_layout(page):
    assert 'class="site-header"' in page
    assert "/static/css/portal." in page


def test_centre_user_opening_the_queue_gets_the_403_page_in_bulgarian(client, center_staff):
    client.force_login(center_staff)

    response = client.get("/review/")

    assert response.status_code == 403
    page = response.content.decode()
    _in_layout(page)
    assert "<title>Нямате достъп до тази страница — НАПОО</title>" in page
    assert "<h1>Нямате достъп до тази страница</h1>" in page
    assert f"Влезли сте като {center_staff.email}" in page
    assert "Към работното място" in page
    assert "Forbidden" not in page


def test_unknown_page_is_the_404_page(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    _in_layout(page)
    assert "<h1>Страницата не е намерена</h1>" in page
    assert "Към началната страница" in page
    assert "Регистър на центровете" in page
    assert "Not Found" not in page


def test_unknown_page_for_a_logged_in_user_offers_the_workplace(client, center_staff):
    client.force_login(center_staff)

    page = client.get("/reports/999999/").content.decode()

    assert "<h1>Страницата не е намерена</h1>" in page
    assert "Към работното място" in page


def test_unknown_page_in_english_keeps_the_language(client, db):
    client.cookies["django_language"] = "en"

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert '<html lang="en">' in response.content.decode()


def test_bad_request_is_the_400_page(client, db):
    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    page = response.content.decode()
    _in_layout(page)
    assert "<h1>Заявката не може да бъде обработена</h1>" in page
    assert "Bad Request" not in page


@pytest.mark.urls("tests.core.error_urls")
def test_server_error_is_the_500_page_without_a_request_context(client, db):
    client.raise_request_exception = False

    response = client.get("/test-failure/")

    assert response.status_code == 500
    page = response.content.decode()
    _in_layout(page)
    assert "<h1>Грешка в портала</h1>" in page
    assert "Опитайте отново след няколко минути" in page
    assert "Server Error" not in page


@pytest.mark.urls("tests.core.error_urls")
def test_server_error_under_the_api_is_json(client, db):
    client.raise_request_exception = False

    response = client.get("/api/v1/test-failure/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("Вътрешна грешка на сървъра")


def test_api_404_stays_json(client, db):
    response = client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_a_form_without_its_csrf_token_gets_a_page_that_says_what_to_do(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"username": "x@example.com", "password": "x"})

    assert response.status_code == 403
    page = response.content.decode()
    _in_layout(page)
    assert "<h1>Формулярът не беше приет</h1>" in page
    assert "CSRF" not in page
