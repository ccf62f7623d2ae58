from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.models import Deal
from bench import synthetic


class Command(BaseCommand):
    help = (
        "Load a synthetic archive for the benchmark, deterministic for a seed: "
        "tiny (1k deals), small (10k), medium (100k) or large (1M deals, ~3M bids, "
        "~1M deadlines, 2M articles, 200k companies). Use a database of its own."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(synthetic.SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Empty the archive tables first (whatever they hold).",
        )

    def handle(self, *args, scale, seed, replace, **options):
        wanted = synthetic.marker_name(scale, seed)
        if synthetic.existing_marker() == wanted and not replace:
            self.stdout.write(f"{wanted} is already loaded; nothing to do (--replace reloads it).")
            return
        if Deal.objects.exists():
            # Another synthetic archive is simply replaced; real data never silently.
            if not (replace or synthetic.existing_marker()):
                raise CommandError(
                    "The archive holds records that are not synthetic. Use a database of its "
                    "own for the benchmark, or --replace to empty it first."
                )
            self.stdout.write("Emptying the archive tables…")
            synthetic.clear_archive()

        bars = []

        def progress(label, total):
            bar = tqdm(total=total, desc=f"{label:>12}", unit=" rows", unit_scale=True, leave=True)
            bars.append(bar)
            return bar.update

        try:
            counts = synthetic.generate(scale, seed, progress)
        finally:
            for bar in bars:
                bar.close()
        self.stdout.write(
            f"Loaded {wanted}: " + ", ".join(f"{count:,} {name}" for name, count in counts.items())
        )
