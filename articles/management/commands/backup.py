import datetime
from pathlib import Path

from django.core.management.base import BaseCommand

from articles.backup import dump


class Command(BaseCommand):
    help = (
        "Back up the whole archive (records, history, accounts) to a gzipped JSON file "
        "that `manage.py restore` loads into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Where to write it (.json.gz or .json). "
            "Default: backups/dealwatch-<date and time>.json.gz",
        )

    def handle(self, *args, output=None, **options):
        if output is None:
            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
            output = f"backups/dealwatch-{stamp}.json.gz"
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        dump(str(path))
        self.stdout.write(f"Backed up the archive to {path} ({path.stat().st_size:,} bytes).")
