"""Plain-text e-mails from templates, in Bulgarian."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(*, to, template, context, attachments=()):
    """Send `template`_subject.txt / `template`_body.txt to the addresses in `to`,
    with (filename, content, mimetype) attachments."""
    if not to:
        return 0
    context = {**context, "PORTAL_BASE_URL": settings.PORTAL_BASE_URL.rstrip("/")}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, sorted(set(to)))
    for attachment in attachments:
        message.attach(*attachment)
    return message.send()
