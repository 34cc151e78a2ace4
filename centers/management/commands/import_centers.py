from centers.services import centers_import_file
from core.importing import ImportCommand


class Command(ImportCommand):
    help = "Upsert centres by license_number from a CSV file (CONTRACT.md §3); all or nothing."

    def import_data(self, data):
        return centers_import_file(data=data, progress=self.progress)
