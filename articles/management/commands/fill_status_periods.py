import time

from django.core.management.base import BaseCommand

from articles.status_history import fill_all


class Command(BaseCommand):
    help = (
        "Give every deal and bid without a status period the periods its own dates "
        "tell (announced, closed, submitted, resolved), set-based: for an archive "
        "loaded in bulk (COPY, the benchmark's generator). Safe to rerun."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        added = fill_all()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Status periods added: {added['deal']:,} for deals, {added['bid']:,} for bids "
            f"in {seconds:.1f} s."
        )
