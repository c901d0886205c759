from django.core.management.base import BaseCommand

from home.demo.loader import DEMO_ADMIN_USERNAME, load_demo


class Command(BaseCommand):
    help = "Build the demo portal (units, news, images, an admin account). Safe to run again."

    def handle(self, *args, **options):
        report = load_demo()
        if not report.created:
            self.stdout.write("The demo portal is already in place: nothing changed.")
            return
        for kind, name in report.created:
            self.stdout.write(f"  {kind}: {name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo portal ready: {len(report.created)} objects created or repaired. "
                f"Admin account: {DEMO_ADMIN_USERNAME} (password in the README)."
            )
        )
