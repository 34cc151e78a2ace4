"""E-mails of the review: to the assigned expert when a returned report comes back."""

from django.urls import reverse

from core.mail import send_templated_mail


def resubmitted_send(report):
    if report.assigned_expert is None:
        return
    send_templated_mail(
        to=[report.assigned_expert.email],
        template="review/email/resubmitted",
        context={"report": report, "review_path": reverse("review:detail", args=[report.pk])},
    )
