"""Background jobs of accounts: thin, they call the service."""

from celery import shared_task

from .password_reset import password_reset_send


@shared_task
def password_reset_send_task(*, email, domain, use_https):
    password_reset_send(email=email, domain=domain, use_https=use_https)
