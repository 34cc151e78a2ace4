import re

import pytest
from django.core import mail

from ..conftest import PASSWORD


def login(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_login_by_email_any_case_and_logout(client, center_staff):
    response = login(client, center_staff.email.upper(), PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200

    client.post("/accounts/logout/")
    assert client.get("/dashboard/").status_code == 302


def test_wrong_password_gets_a_bulgarian_message(client, center_staff):
    response = login(client, center_staff.email, "wrong-password")

    assert response.status_code == 200
    assert "Моля, въведете правилните" in response.content.decode()


def test_lock_out_after_repeated_failures(client, center_staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, center_staff.email, "wrong-password")

    response = login(client, center_staff.email, PASSWORD)

    assert response.status_code == 429
    assert "временно блокиран" in response.content.decode()
    assert client.get("/dashboard/").status_code == 302


def test_password_reset_by_email(client, center_staff):
    client.post("/accounts/password/reset/", {"email": center_staff.email})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [center_staff.email]
    link = re.search(r"http://[^/]+(/accounts/password/reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    post_url = form.redirect_chain[-1][0]
    done = client.post(
        post_url,
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )
    assert done.status_code == 302
    assert login(client, center_staff.email, "a-new-long-passphrase").status_code == 302


def test_unknown_email_for_reset_sends_nothing(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.bg"})

    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize("weak", ["short1", "1234567890123", "password1234"])
def test_password_validators_refuse_weak_passwords(client, center_staff, weak):
    client.force_login(center_staff)

    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak},
    )

    assert response.status_code == 200
    assert "field-invalid" in response.content.decode()
    center_staff.refresh_from_db()
    assert center_staff.check_password(PASSWORD)


def test_lock_out_is_shared_by_every_spelling_of_the_email(client, center_staff, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        email = center_staff.email.upper() if i % 2 else center_staff.email
        login(client, email, "wrong-password")

    assert login(client, center_staff.email, PASSWORD).status_code == 429
