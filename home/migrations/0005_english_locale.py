"""The English locale, for the English versions of the units' information (/en/)."""

from django.db import migrations


def add_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_portal_identity"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_english, migrations.RunPython.noop)]
