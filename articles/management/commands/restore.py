from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from articles.backup import CHECKED_EMPTY, load


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into this database: it is migrated "
        "first, and must hold no deals, companies, articles or users."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file (.xml.gz, as `backup` writes it).")

    def handle(self, *args, path, **options):
        if not Path(path).is_file():
            raise CommandError(f"No backup at {path}.")
        call_command("migrate", interactive=False, verbosity=0)
        occupied = [label for label in CHECKED_EMPTY if apps.get_model(label).objects.exists()]
        if occupied:
            raise CommandError(
                "This database is not empty (it has "
                + ", ".join(label.split(".")[1].lower() + "s" for label in occupied)
                + "): restore into a new, empty database, so that nothing is overwritten."
            )
        load(path)
        self.stdout.write(f"Restored the archive from {path}.")
