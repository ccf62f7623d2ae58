import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.backup import SUFFIXES, back_up


class Command(BaseCommand):
    help = (
        "Back up the whole archive (records, history, accounts) to a gzipped XML file "
        "that `manage.py restore` loads into an empty database. Nothing is written "
        "unless the whole archive is, and read back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Where to write it (.xml.gz, or .xml, .xml.bz2, .xml.xz). "
            "Default: backups/dealwatch-<date and time>.xml.gz",
        )

    def handle(self, *args, output=None, **options):
        if output is None:
            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
            output = f"backups/dealwatch-{stamp}.xml.gz"
        if not output.endswith(SUFFIXES):
            raise CommandError(
                f"Name the backup file with one of {', '.join(SUFFIXES)}: "
                "the restore reads its format from the name."
            )
        path = Path(output)
        try:
            records = back_up(path)
        except CommandError as error:
            # dumpdata names the record it could not write ("Deal.title (pk:7)
            # contains unserializable characters").
            raise CommandError(f"No backup was written to {path}: {error}") from error
        self.stdout.write(
            f"Backed up the archive to {path}: {records:,} records, "
            f"{path.stat().st_size:,} bytes, read back in full."
        )
