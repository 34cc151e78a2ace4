from django.core.management.base import BaseCommand
from django.db import transaction

from core.demo.centers import seed_centers
from core.demo.users import DEMO_PASSWORD, seed_users


class Command(BaseCommand):
    help = "Load demo data (idempotent): centres and one user per role."

    @transaction.atomic
    def handle(self, *args, **options):
        summary = seed_centers()
        self.stdout.write(f"centres: {summary}")
        self.stdout.write(f"demo logins (password for all: {DEMO_PASSWORD}):")
        for user in seed_users():
            self.stdout.write(f"  {user.get_role_display():<24} {user.email}")
