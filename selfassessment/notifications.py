"""E-mails about a report."""

from django.urls import reverse

from core.mail import send_templated_mail


def center_staff_emails(center):
    return list(center.staff.filter(is_active=True).values_list("email", flat=True))


def submission_receipt_send(submission):
    """Tell the centre's staff that the report was received, with the receipt's link."""
    report = submission.report
    send_templated_mail(
        to=center_staff_emails(report.center),
        template="selfassessment/email/submitted",
        context={
            "report": report,
            "submission": submission,
            "receipt_path": reverse("selfassessment:receipt", args=[report.pk, submission.number]),
            "report_path": reverse("selfassessment:detail", args=[report.pk]),
        },
    )


def decision_send(decision):
    """Tell the centre's staff of the agency's decision, with its remarks."""
    report = decision.report
    send_templated_mail(
        to=center_staff_emails(report.center),
        template=f"selfassessment/email/{decision.kind}",
        context={
            "report": report,
            "decision": decision,
            "remarks": list(decision.remarks.all()),
            "report_path": reverse("selfassessment:detail", args=[report.pk]),
        },
    )
