from core.importing import ImportCommand
from selfassessment.transitions import reports_import_file


class Command(ImportCommand):
    help = (
        "Upsert reports by (license_number, year) from a JSON Lines file (CONTRACT.md §4); "
        "all or nothing."
    )

    def import_data(self, data):
        return reports_import_file(data=data, progress=self.progress)

    def refusal(self, errors):
        # A line may have several errors; the count is of lines.
        lines = len({error.line for error in errors})
        return f"{lines} invalid line(s); nothing was imported."
