from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from bench import synthetic


def describe(counts: dict) -> str:
    """'1 source, 12 deals' from {Source: 1, Deal: 12}."""
    return ", ".join(
        f"{count:,} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
        for model, count in counts.items()
    )


class Command(BaseCommand):
    help = (
        "Load a synthetic archive for the benchmark, deterministic for a seed: "
        "tiny (1k deals), small (10k), medium (100k) or large (1M deals, ~3M bids, "
        "~1M deadlines, 2M articles, 200k companies). Use a database of its own: "
        "another synthetic archive is replaced, curated records are never deleted "
        "unless --delete-curated-records says so."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(synthetic.SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Load the synthetic archive again even if this scale and seed is loaded.",
        )
        parser.add_argument(
            "--delete-curated-records",
            action="store_true",
            help=(
                "Empty the archive even though it holds records that are not from a "
                "synthetic load (sources, companies, deals, bids, deadlines, articles): "
                "they are deleted for good."
            ),
        )

    def handle(self, *args, scale, seed, replace, delete_curated_records, **options):
        wanted, loaded = synthetic.marker_name(scale, seed), synthetic.existing_marker()
        if loaded == wanted and not replace:
            self.stdout.write(f"{wanted} is already loaded; nothing to do (--replace reloads it).")
            return
        if curated := synthetic.curated_records():
            if not delete_curated_records:
                unrecorded = ""
                if loaded and synthetic.loaded_extent() is None:
                    unrecorded = (
                        f" ({loaded} was loaded before loads recorded what they wrote, "
                        "so none of its records can be told from curated ones.)"
                    )
                raise CommandError(
                    f"The archive holds curated records, not from a synthetic load: "
                    f"{describe(curated)}. Load the benchmark into a database of its own; "
                    f"--delete-curated-records empties this one anyway, deleting them for "
                    f"good.{unrecorded}"
                )
            self.stdout.write(f"Deleting the curated records as asked: {describe(curated)}.")
        if not synthetic.archive_is_empty():
            self.stdout.write("Emptying the archive tables…")
            synthetic.clear_archive()

        bars: list[tqdm] = []

        def progress(label, total, unit="rows"):
            # One phase at a time: the previous bar ends when the next begins,
            # so that its time and rate are the phase's own.
            if bars:
                bars[-1].close()
            bar = tqdm(total=total, desc=f"{label:>17}", unit=f" {unit}", unit_scale=True)
            bars.append(bar)
            return bar.update

        try:
            counts = synthetic.generate(scale, seed, progress)
        finally:
            if bars:
                bars[-1].close()
        self.stdout.write(
            f"Loaded {wanted}: " + ", ".join(f"{count:,} {name}" for name, count in counts.items())
        )
