from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from articles.backup import CHECKED_EMPTY, load


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into this database: it must hold no "
        "deals, companies, articles or users, and is migrated first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file (.xml.gz, as `backup` writes it).")

    def handle(self, *args, path, **options):
        if not Path(path).is_file():
            raise CommandError(f"No backup at {path}.")
        # Checked before migrating: a database named by mistake is left as it was.
        occupied = [label for label in CHECKED_EMPTY if _holds_rows(label)]
        if occupied:
            raise CommandError(
                "This database is not empty (it has "
                + ", ".join(label.split(".")[1].lower() + "s" for label in occupied)
                + "): restore into a new, empty database, so that nothing is overwritten."
            )
        call_command("migrate", interactive=False, verbosity=0)
        load(path)
        self.stdout.write(f"Restored the archive from {path}.")


def _holds_rows(label: str) -> bool:
    try:
        with transaction.atomic():
            return apps.get_model(label).objects.exists()
    except DatabaseError:  # its table is not created yet
        return False
