"""Bulgarian by default, English as the second language (compiled catalogue)."""


def test_bulgarian_by_default(client, db):
    page = client.get("/centers/").content.decode()

    assert '<html lang="bg">' in page
    assert "Регистър на центровете" in page


def test_browser_language_alone_does_not_switch(client, db):
    page = client.get("/centers/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()

    assert '<html lang="bg">' in page


def test_english_when_chosen_with_the_switch(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/centers/"})
    assert response.status_code == 302

    page = client.get("/centers/").content.decode()

    assert '<html lang="en">' in page
    assert "Register of centres" in page


def test_times_are_sofia(settings):
    assert settings.TIME_ZONE == "Europe/Sofia"
    assert settings.USE_TZ


def test_regions_are_named_in_the_readers_language(client, db):
    from ..factories import CenterFactory

    centre = CenterFactory(region="BG-22")
    assert "София (столица)" in client.get(f"/centers/{centre.license_number}/").content.decode()

    client.post("/i18n/setlang/", {"language": "en", "next": "/centers/"})
    page = client.get(f"/centers/{centre.license_number}/").content.decode()

    assert "Sofia (capital)" in page and "София" not in page
