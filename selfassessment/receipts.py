"""The receipt: a PDF of exactly what was submitted (the snapshot), made on demand."""

from core.pdf import render_pdf

from .models import QualityLevel
from .presenters import report_layout


def receipt_pdf(submission):
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
