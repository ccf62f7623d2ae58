import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connections
from django.test.utils import override_settings

from bench import benchmark


class Command(BaseCommand):
    help = (
        "Measure the representative requests on the loaded archive (median, 95th "
        "percentile, queries, ratio to a baseline page), the exports' memory and "
        "first byte, and a bounded load through gunicorn. Prints a table, writes JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20, help="timed runs per request")
        parser.add_argument("--out", type=Path, help="where to write the JSON results")
        parser.add_argument("--label", default="", help="a name for this run, e.g. the scale")
        parser.add_argument("--load-seconds", type=float, default=20)
        parser.add_argument("--load-concurrency", type=int, default=16)
        parser.add_argument("--load-workers", type=int, default=4)
        parser.add_argument(
            "--load-only",
            action="store_true",
            help="skip the per-request measures and the export: only the bounded load",
        )
        parser.add_argument(
            "--export-probe",
            metavar="URL",
            help="(internal) stream one export and print its figures as JSON",
        )

    def handle(self, *args, **options):
        if options["export_probe"]:
            self.stdout.write(json.dumps(benchmark.export_probe(options["export_probe"])))
            return

        results = []
        if options["load_only"]:
            requests = benchmark.representative_requests()
            urls = [url for name, url in requests if not name.startswith("export")]
        else:
            # The test client needs "testserver" among the allowed hosts.
            with override_settings(ROOT_URLCONF="bench.benchmark", ALLOWED_HOSTS=["*"]):
                results = benchmark.run_requests(options["runs"])
            self.stdout.write(benchmark.as_table(results))

            export = next(r for r in results if r.name.startswith("export"))
            probe = benchmark.probe_in_child(export.url)
            export.extra.update(probe)
            self.stdout.write(
                f"\nExport {export.url}: first byte {probe['first_byte_ms']} ms, "
                f"total {probe['total_ms']} ms, {probe['bytes']:,} bytes, "
                f"peak RSS of the process {probe['peak_rss_mb']} MB"
            )
            urls = [r.url for r in results if not r.name.startswith(("export", "baseline"))]

        load = {}
        if options["load_seconds"] > 0:
            # This process's own connections (or pool) would count as the load's.
            for conn in connections.all(initialized_only=True):
                conn.close()
                if hasattr(conn, "close_pool"):
                    conn.close_pool()
            load = benchmark.run_load(
                urls,
                seconds=options["load_seconds"],
                concurrency=options["load_concurrency"],
                workers=options["load_workers"],
            )
            self.stdout.write(benchmark.describe_load(load))

        if options["out"]:
            options["out"].parent.mkdir(parents=True, exist_ok=True)
            options["out"].write_text(benchmark.to_json(results, label=options["label"], load=load))
            self.stdout.write(f"\nWrote {options['out']}")
