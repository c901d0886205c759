import time

from django.core.management.base import BaseCommand, CommandError

from home.models import HomePage
from home.scale import seed_scale


class Command(BaseCommand):
    help = (
        "Fill the database with realistic Vietnamese news for benchmarks: --units units with "
        "--news live articles and --documents legal documents between them, dated over ten "
        "years. Adds to what is there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=20)
        parser.add_argument("--news", type=int, default=100_000)
        parser.add_argument("--documents", type=int, default=50_000)
        parser.add_argument(
            "--questions", type=int, default=20_000, help="Citizens' questions (most answered)."
        )
        parser.add_argument(
            "--weeks", type=int, default=104, help="Weeks of work schedule for every unit."
        )
        parser.add_argument("--seed", type=int, default=2021, help="Random seed (repeatable runs).")

    def handle(self, *args, units, news, documents, questions, weeks, seed, **options):
        if units < 1 or min(news, documents, questions, weeks) < 0:
            raise CommandError(
                "--units must be at least 1; --news, --documents, --questions and --weeks "
                "at least 0."
            )
        if not HomePage.objects.exists():
            raise CommandError("There is no portal home page: run load_demo first.")
        started = time.monotonic()
        seed_scale(
            units, news, documents, seed=seed, stdout=self.stdout, questions=questions, weeks=weeks
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {news} articles, {documents} documents, {questions} questions and"
                f" {weeks} weeks of schedule over {units} units"
                f" in {time.monotonic() - started:.0f} s."
            )
        )
