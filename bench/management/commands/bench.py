import json
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.test.utils import override_settings

from bench import benchmark, curation_mix, datasette


class Command(BaseCommand):
    help = (
        "Measure the representative requests on the loaded archive (median, 95th "
        "percentile, queries, ratio to a baseline page), the exports' memory, first "
        "byte and total time against their budgets, and a bounded load through "
        "gunicorn, with concurrent exports if asked. Prints a table, writes JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20, help="timed runs per request")
        parser.add_argument("--out", type=Path, help="where to write the JSON results")
        parser.add_argument("--label", default="", help="a name for this run, e.g. the scale")
        parser.add_argument("--load-seconds", type=float, default=20)
        parser.add_argument("--load-concurrency", type=int, default=16)
        parser.add_argument("--load-workers", type=int, default=4)
        parser.add_argument(
            "--load-exports",
            type=int,
            default=0,
            metavar="N",
            help="after the load, a mixed one: N clients downloading exports among the pages",
        )
        parser.add_argument(
            "--mix-seconds",
            type=float,
            default=60,
            help="how long the curation mix runs (readers while a curator saves); 0: skip it",
        )
        parser.add_argument("--mix-rate", type=float, default=20, help="reader requests a second")
        parser.add_argument(
            "--mix-save-every", type=float, default=10, help="seconds between the curator's saves"
        )
        parser.add_argument(
            "--load-only",
            action="store_true",
            help="skip the per-request measures and the export: only the bounded load",
        )
        parser.add_argument(
            "--datasette",
            action="store_true",
            help="last, the deal list's requests side by side with Datasette (bench.datasette)",
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

        # From an empty cache: a shared one (Redis) may hold another
        # archive's pages under the same version numbers.
        cache.clear()
        results = []
        requests = benchmark.representative_requests(self.stdout.write)
        export_urls = [url for name, url in requests if name.startswith("export")]
        # The pages under load; the API's rate limits would refuse most of it.
        if options["load_only"]:
            urls = [url for name, url in requests if not name.startswith(("export", "api"))]
        else:
            # The test client needs "testserver" among the allowed hosts; the
            # API's rate limits are counted (their cost is part of a request)
            # but never reached.
            rates = {"api_burst": "1000000/second", "api_sustained": "1000000/second"}
            api = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
            with override_settings(
                ROOT_URLCONF="bench.benchmark", ALLOWED_HOSTS=["*"], REST_FRAMEWORK=api
            ):
                results = benchmark.run_requests(options["runs"], requests)
            self.stdout.write(benchmark.as_table(results))
            self.stdout.write("\n" + "\n".join(benchmark.within_as_of_budget(results)))
            self.stdout.write("\n" + "\n".join(benchmark.within_api_budgets(results)))

            for export in (r for r in results if r.name.startswith("export")):
                probe = benchmark.probe_in_child(export.url)
                budget = benchmark.EXPORT_BUDGETS[export.name]
                within = all(probe[key] < limit for key, limit in budget.items())
                export.extra.update(probe, budget=budget, within_budget=within)
                self.stdout.write(
                    f"\nExport {export.url}: first byte {probe['first_byte_ms']} ms, "
                    f"total {probe['total_ms']} ms, {probe['bytes']:,} bytes, "
                    f"peak RSS of the process {probe['peak_rss_mb']} MB; budget "
                    f"{budget['total_ms']} ms and {budget['peak_rss_mb']} MB at 1M deals: "
                    + ("within" if within else "OVER")
                )
            urls = [r.url for r in results if not r.name.startswith(("export", "baseline", "api"))]

        load, mixed = {}, {}
        if options["load_seconds"] > 0:
            # This process's own connections (or pool) would count as the load's.
            for conn in connections.all(initialized_only=True):
                conn.close()
                if hasattr(conn, "close_pool"):
                    conn.close_pool()
            run = {
                "seconds": options["load_seconds"],
                "concurrency": options["load_concurrency"],
                "workers": options["load_workers"],
            }
            load = benchmark.run_load(urls, **run)
            self.stdout.write(benchmark.describe_load(load))
            if options["load_exports"]:
                mixed = benchmark.run_load(
                    urls, **run, export_urls=export_urls, exporters=options["load_exports"]
                )
                self.stdout.write("\nThe same load among concurrent exports:")
                self.stdout.write(benchmark.describe_load(mixed))

        mix = {}
        if options["mix_seconds"] > 0 and not options["load_only"]:
            mix = curation_mix.run_curation_mix(
                seconds=options["mix_seconds"],
                rate=options["mix_rate"],
                save_every=options["mix_save_every"],
            )
            self.stdout.write(curation_mix.describe(mix))

        comparisons = []
        if options["datasette"]:
            with override_settings(ALLOWED_HOSTS=["*"]):
                comparisons = datasette.compare(requests, options["runs"], self.stdout.write)
            self.stdout.write(datasette.as_table(comparisons))

        if options["out"]:
            options["out"].parent.mkdir(parents=True, exist_ok=True)
            options["out"].write_text(
                benchmark.to_json(
                    results,
                    label=options["label"],
                    load=load,
                    mixed_load=mixed,
                    curation_mix=mix,
                    datasette=datasette.as_json(comparisons),
                )
            )
            self.stdout.write(f"\nWrote {options['out']}")
        # What must hold among exports (issue 13): no page fails, and every
        # export accepted arrives whole.
        if mixed and (mixed["errors"] or mixed["exports"]["failed"]):
            raise CommandError(
                f"Among exports, {mixed['errors']} page requests and "
                f"{mixed['exports']['failed']} accepted exports failed."
            )
