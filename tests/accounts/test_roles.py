"""Who may open what: anonymous users see only the public register and API."""

import pytest
from rest_framework.authtoken.models import Token


@pytest.mark.parametrize("url", ["/", "/centers/", "/api/v1/centers/", "/api/docs/"])
def test_anonymous_sees_public_pages(client, center, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/dashboard/", "/accounts/password/change/"])
def test_anonymous_is_sent_to_login(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_cannot_use_private_api(api_client, db):
    assert api_client.get("/api/v1/me/").status_code == 401


@pytest.mark.parametrize("user_fixture", ["center_staff", "expert"])
def test_only_administrators_open_the_admin(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_administrator_opens_the_admin_in_bulgarian(client, administrator):
    client.force_login(administrator)

    index = client.get("/admin/")
    centres = client.get("/admin/centers/center/")

    assert index.status_code == 200
    assert "Администрация" in index.content.decode()
    assert centres.status_code == 200


def test_centre_staff_dashboard_lists_their_centres(client, center_staff, center):
    client.force_login(center_staff)

    page = client.get("/dashboard/").content.decode()

    assert center.name in page


def test_token_authentication(api_client, center_staff, center):
    token = Token.objects.create(user=center_staff)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    body = api_client.get("/api/v1/me/").json()

    assert body["role"] == "center_staff"
    assert body["centers"] == [center.license_number]
