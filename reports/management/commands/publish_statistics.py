from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from centers.models import Kind
from reports.publication import published_statistics, statistics_publish
from reports.statistics import StatisticsError, check_year_and_kind


class Command(BaseCommand):
    help = (
        "Publish a year's statistics of a kind without an analysis (CONTRACT.md §6), e.g. "
        "for imported history: the public sees the figures as they are now. Publishing "
        "again replaces the public figures; every publication is recorded."
    )

    def add_arguments(self, parser):
        # Checked in handle(), not by argparse: the operator gets the portal's message.
        parser.add_argument("year", help="the reporting year, 2000–2100")
        parser.add_argument("--kind", required=True, help="CPO or CIPO")

    def handle(self, *args, year, kind, **options):
        try:
            number = int(year)
        except ValueError:
            number = year  # refused by check_year_and_kind with the message for years
        try:
            check_year_and_kind(number, kind)
        except StatisticsError as exc:
            raise CommandError(
                " ".join(m for messages in exc.errors.values() for m in messages), returncode=2
            ) from exc
        replaced = published_statistics(number, kind)
        publication = statistics_publish(year=number, kind=kind, user=None)
        figures = publication.statistics
        when = timezone.localtime(publication.published_at).isoformat(timespec="seconds")
        self.stdout.write(
            f"Публикувана статистика за {publication.year} г. ({Kind(kind).label}): "
            f"{figures['submitted']} подадени доклада от {figures['licensed_centers']} "
            f"лицензирани центъра, към {when}."
        )
        if replaced is not None:
            self.stdout.write(
                "Замества публикуваната на "
                f"{timezone.localtime(replaced.published_at).isoformat(timespec='seconds')}."
            )
