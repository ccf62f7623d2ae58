from django.core.management.base import BaseCommand

from articles.demo import load_demo_data


class Command(BaseCommand):
    help = "Load the demo archive (the TikTok case and a few other real deals). Safe to rerun."

    def handle(self, *args, **options):
        added = load_demo_data()
        self.stdout.write(f"Demo data: {added} deal(s) added, existing records left as they were.")
