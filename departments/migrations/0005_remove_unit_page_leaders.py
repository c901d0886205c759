"""Leaders live on each unit's leaders page now (about.0002 moved them there)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('departments', '0004_live_references'),
        ('about', '0002_move_unit_leaders'),
    ]

    operations = [
        migrations.DeleteModel(
            name='DepartmentLeader',
        ),
    ]
