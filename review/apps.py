from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = _("Преглед на докладите")

    def ready(self):
        from selfassessment.signals import report_changed, reports_imported

        from . import receivers

        report_changed.connect(receivers.on_report_changed, dispatch_uid="review.report_changed")
        reports_imported.connect(
            receivers.on_reports_imported, dispatch_uid="review.reports_imported"
        )
