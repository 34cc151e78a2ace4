"""The receipt (разписка): a PDF of exactly what was submitted (the snapshot).

A receipt is a fact of the submission: it is built once, in the background after
the submission commits (tasks.build_receipt), stored on the submission and from
then on only served. An imported submission has none until someone first asks.
"""

from django.core.files.base import ContentFile
from django.db import transaction

from core.pdf import render_pdf

from .models import QualityLevel, ReportSubmission
from .presenters import report_layout


def receipt_pdf(submission: ReportSubmission) -> bytes:
    report = submission.report
    spec = report.framework.spec
    return render_pdf(
        "selfassessment/receipt.html",
        {
            "report": report,
            "center": report.center,
            "submission": submission,
            "spec": spec,
            "layout": report_layout(spec, submission.content),
            "level_label": dict(QualityLevel.choices).get(submission.quality_level, ""),
        },
    )


def receipt_filename(submission: ReportSubmission) -> str:
    """The name a receipt is downloaded as."""
    report = submission.report
    return f"gdsk-{report.center.license_number}-{report.year}-{submission.number}.pdf"


def receipt_build(*, submission: ReportSubmission) -> bool:
    """Build and store `submission`'s receipt unless it has one. Running twice (or
    twice at once) stores one receipt. Returns whether this call stored it."""
    if submission.receipt:
        return False
    pdf = receipt_pdf(submission)
    with transaction.atomic():
        locked = ReportSubmission.objects.select_for_update().get(pk=submission.pk)
        if locked.receipt:
            submission.receipt = locked.receipt
            return False
        # The stored name carries no user data: ids only.
        name = f"receipt-{submission.report_id}-{submission.number}.pdf"
        locked.receipt.save(name, ContentFile(pdf), save=False)
        locked.save(update_fields=["receipt"])
    submission.receipt = locked.receipt
    return True
