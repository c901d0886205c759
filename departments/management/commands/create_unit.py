from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from departments.models import DepartmentPage
from departments.provisioning import create_unit


class Command(BaseCommand):
    help = (
        "Create a unit under the portal home, with its news index, groups, collection and "
        "approval workflow."
    )

    def add_arguments(self, parser):
        parser.add_argument("full_name", help='The official name, e.g. "Thư viện tỉnh Hà Nam".')
        parser.add_argument("--short", required=True, help="The short name, e.g. TVT.")
        parser.add_argument("--title", help="The name shown in menus (default: the full name).")

    def handle(self, *args, full_name, short, title, **options):
        existing = DepartmentPage.objects.filter(short_name__iexact=short).first()
        if existing is not None:
            raise CommandError(f"A unit with the short name {short} already exists: {existing}.")
        try:
            unit = create_unit(full_name.strip(), short.strip(), title=title)
        except (ValidationError, ValueError) as error:
            raise CommandError(str(error)) from error
        resources = unit.resources
        self.stdout.write(self.style.SUCCESS(f"Created unit {unit.title} ({unit.short_name})."))
        self.stdout.write(f"  editors group:   {resources.editors.name}")
        self.stdout.write(f"  approvers group: {resources.approvers.name}")
        self.stdout.write(f"  collection:      {resources.collection.name}")
        self.stdout.write(f"  workflow:        {resources.workflow.name}")
