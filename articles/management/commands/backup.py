import datetime
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.backup import SUFFIXES, dump


class Command(BaseCommand):
    help = (
        "Back up the whole archive (records, history, accounts) to a gzipped XML file "
        "that `manage.py restore` loads into an empty database."
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
        path.parent.mkdir(parents=True, exist_ok=True)
        # It holds the accounts' password hashes: readable by its owner only.
        previous = os.umask(0o077)
        try:
            dump(str(path))
        finally:
            os.umask(previous)
        self.stdout.write(f"Backed up the archive to {path} ({path.stat().st_size:,} bytes).")
