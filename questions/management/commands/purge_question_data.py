"""Erase the askers' personal data of questions closed longer ago than
GOVCMS_QUESTIONS_KEEP_PERSONAL_DAYS (Decree 13/2023/NĐ-CP; docs/privacy.md). The
question itself stays, anonymised. Meant to run daily; a second run erases nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from questions.models import OPEN_STATUSES, Question


class Command(BaseCommand):
    help = "Erase the askers' names and contacts from questions closed long enough ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased; change nothing."
        )
        parser.add_argument(
            "--reference",
            action="append",
            default=[],
            help="Erase now the personal data of this question (the asker asked for it); "
            "may be given several times.",
        )

    def handle(self, *args, dry_run=False, reference=(), **options):
        if reference:
            found = Question.objects.filter(reference__in=reference)
            missing = sorted(set(reference) - set(found.values_list("reference", flat=True)))
            if missing:
                raise CommandError(f"No question has the reference {', '.join(missing)}.")
            if not dry_run:
                for question in found:
                    question.erase_personal_data()
            self.stdout.write(f"{found.count()} questions had their personal data erased.")
            return
        limit = timezone.now() - timezone.timedelta(
            days=settings.GOVCMS_QUESTIONS_KEEP_PERSONAL_DAYS
        )
        due = Question.objects.filter(
            personal_data_erased_at__isnull=True, closed_at__lt=limit
        ).exclude(status__in=OPEN_STATUSES)
        if dry_run:
            self.stdout.write(f"{due.count()} questions would have their personal data erased.")
            return
        erased = due.update(name="", email="", phone="", personal_data_erased_at=timezone.now())
        self.stdout.write(f"{erased} questions had their personal data erased.")
