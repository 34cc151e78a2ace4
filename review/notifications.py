"""E-mails of the review: to the centre on a decision, to the expert on a correction."""

from django.urls import reverse

from core.mail import send_templated_mail
from selfassessment.notifications import center_staff_emails


def decision_send(decision):
    report = decision.report
    send_templated_mail(
        to=center_staff_emails(report.center),
        template=f"review/email/{decision.kind}",
        context={
            "report": report,
            "decision": decision,
            "remarks": list(decision.remarks.all()),
            "report_path": reverse("selfassessment:detail", args=[report.pk]),
        },
    )


def resubmitted_send(report):
    if report.assigned_expert is None:
        return
    send_templated_mail(
        to=[report.assigned_expert.email],
        template="review/email/resubmitted",
        context={"report": report, "review_path": reverse("review:detail", args=[report.pk])},
    )
