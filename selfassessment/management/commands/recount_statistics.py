from django.core.management.base import BaseCommand, CommandError

from selfassessment.counting import counted_differences, counted_rebuild


class Command(BaseCommand):
    help = (
        "Count again what the statistics read (selfassessment/counting.py) from the "
        "submitted reports; --check only says whether the kept counts are true."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="change nothing; exit 1 if the counts differ"
        )

    def handle(self, *args, check=False, **options):
        differences = counted_differences() if check else counted_rebuild()
        for table, rows in differences.items():
            self.stderr.write(f"{table}: {rows} row(s) differed from a recount")
        if check and differences:
            raise CommandError("the kept counts differ from a recount", returncode=1)
        self.stdout.write(
            "the kept counts are true"
            if check
            else f"counted again; {len(differences)} table(s) corrected"
        )
