from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Национални обобщения")

    def ready(self):
        from centers.signals import register_changed
        from selfassessment.signals import report_changed, reports_imported

        from . import receivers

        report_changed.connect(receivers.on_report_changed, dispatch_uid="reports.report_changed")
        reports_imported.connect(
            receivers.on_reports_imported, dispatch_uid="reports.reports_imported"
        )
        register_changed.connect(
            receivers.on_register_changed, dispatch_uid="reports.register_changed"
        )
