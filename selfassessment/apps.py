from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_bundled_frameworks(sender, **kwargs):
    from .management.commands.load_framework import load_bundled

    load_bundled()


class SelfAssessmentConfig(AppConfig):
    name = "selfassessment"
    verbose_name = _("Доклади за самооценка")

    def ready(self):
        # The frameworks shipped with the portal are data every database needs;
        # loading is idempotent, so every migrate may do it.
        post_migrate.connect(_load_bundled_frameworks, sender=self)

        from centers.signals import register_changing

        from . import receivers
        from .signals import report_changed

        report_changed.connect(receivers.on_report_changed, dispatch_uid="selfassessment")
        register_changing.connect(receivers.on_register_changing, dispatch_uid="selfassessment")
