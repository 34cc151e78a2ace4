"""Password reset: limited per e-mail and per client address, sent in the background."""

from unittest import mock

import pytest
from django.core import mail

from ..factories import UserFactory


def ask(client, email, address="203.0.113.7"):
    return client.post("/accounts/password/reset/", {"email": email}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_one_address_gets_at_most_three_emails_an_hour(client, settings):
    settings.PASSWORD_RESET_PER_EMAIL = "3/hour"
    user = UserFactory()

    answers = [ask(client, user.email, address=f"203.0.113.{i}") for i in range(8)]

    assert {a.status_code for a in answers} == {302}
    assert {a["Location"] for a in answers} == {"/accounts/password/reset/done/"}
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_one_client_asks_at_most_ten_times_an_hour(client, settings):
    settings.PASSWORD_RESET_PER_ADDRESS = "10/hour"
    users = UserFactory.create_batch(12)

    for user in users:
        assert ask(client, user.email).status_code == 302

    assert len(mail.outbox) == 10
    assert ask(client, users[0].email, address="198.51.100.1").status_code == 302
    assert len(mail.outbox) == 11


@pytest.mark.django_db
def test_a_forwarded_for_header_does_not_make_a_new_client(client, settings):
    settings.PASSWORD_RESET_PER_ADDRESS = "2/hour"
    users = UserFactory.create_batch(4)
    for i, user in enumerate(users):
        client.post(
            "/accounts/password/reset/",
            {"email": user.email},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{i}",
        )
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_the_email_is_sent_by_the_background_queue(client):
    user = UserFactory()
    with mock.patch("accounts.views.enqueue") as enqueue:
        response = ask(client, user.email)

    assert response.status_code == 302
    assert mail.outbox == []  # nothing sent inside the request
    task = enqueue.call_args.args[0]
    assert task.name == "accounts.tasks.password_reset_send_task"
    assert enqueue.call_args.kwargs["email"] == user.email
