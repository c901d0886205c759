from django.core.management.base import BaseCommand

from departments.provisioning import sync_all_units


class Command(BaseCommand):
    help = (
        "Restore every unit's groups, permissions, collection and workflow, the portal "
        "board and the shared collection; report what was repaired. Safe to run again."
    )

    def handle(self, *args, **options):
        repairs = sync_all_units()
        for repair in repairs:
            self.stdout.write(f"  repaired {repair}")
        if repairs:
            self.stdout.write(self.style.WARNING(f"{len(repairs)} repairs made."))
        else:
            self.stdout.write(self.style.SUCCESS("All units are in order: nothing to repair."))
