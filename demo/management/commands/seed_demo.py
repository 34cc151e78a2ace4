import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from demo.centers import seed_centers
from demo.publication import seed_publications
from demo.reports import seed_demo_drafts, seed_reports
from demo.users import DEMO_PASSWORD, seed_users
from demo.validation import seed_procedures
from selfassessment.deadlines import current_reporting_year


class Command(BaseCommand):
    help = (
        "Load demo data (idempotent): centres, one user per role, reports for 2021–2024 "
        "with the validation procedures behind them, their statistics published, and the "
        "demo centres' open draft for the current reporting year."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force-in-production",
            action="store_true",
            help="Seed even with DEBUG off (also: SEED_DEMO_FORCE=1). The demo accounts "
            "have a published password.",
        )

    def handle(self, *args, force_in_production=False, **options):
        forced = force_in_production or os.environ.get("SEED_DEMO_FORCE") == "1"
        if not settings.DEBUG and not forced:
            # The demo accounts, an administrator among them, share a password printed
            # in the README: on a real database they would be a way in.
            raise CommandError(
                "seed_demo creates accounts with a published password and refuses to run "
                "with DEBUG off. Use DEBUG=1 for a demo, or --force-in-production "
                "(SEED_DEMO_FORCE=1) if you really mean it.",
                returncode=1,
            )
        self._seed()

    @transaction.atomic
    def _seed(self):
        summary = seed_centers()
        self.stdout.write(f"centres: {summary}")
        users = seed_users()
        self.stdout.write(f"reports: {seed_reports()}")
        today = timezone.localdate()
        created = seed_procedures(current_reporting_year(today), today)
        self.stdout.write(f"validation procedures: created {created}")
        for kind, year in seed_publications(open_year=current_reporting_year(today)):
            self.stdout.write(f"statistics published: {kind} {year}")
        staff = next(user for user in users if user.role == Role.CENTER_STAFF)
        for report in seed_demo_drafts(user=staff):
            self.stdout.write(f"draft opened: {report.center.name} / {report.year}")
        self.stdout.write(f"demo logins (password for all: {DEMO_PASSWORD}):")
        for user in users:
            self.stdout.write(f"  {user.get_role_display():<24} {user.email}")
