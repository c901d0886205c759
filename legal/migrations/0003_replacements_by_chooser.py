import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def copy_replacements(apps, schema_editor):
    """Each link of the old many-to-many field becomes a row of the chooser's panel."""
    Page = apps.get_model("legal", "LegalDocumentPage")
    Replacement = apps.get_model("legal", "LegalDocumentReplacement")
    links = Page.replaces.through.objects.values_list("from_legaldocumentpage_id", "to_legaldocumentpage_id")
    Replacement.objects.bulk_create(
        [Replacement(page_id=page, replaced_id=replaced, sort_order=0) for page, replaced in links]
    )


def copy_back(apps, schema_editor):
    """Undone: the rows go back into the many-to-many field."""
    Page = apps.get_model("legal", "LegalDocumentPage")
    Replacement = apps.get_model("legal", "LegalDocumentReplacement")
    Page.replaces.through.objects.bulk_create(
        [
            Page.replaces.through(from_legaldocumentpage_id=page, to_legaldocumentpage_id=replaced)
            for page, replaced in Replacement.objects.values_list("page_id", "replaced_id")
        ]
    )


class Migration(migrations.Migration):

    dependencies = [
        ('legal', '0002_standard_lists'),
    ]

    operations = [
        migrations.CreateModel(
            name='LegalDocumentReplacement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='replacements', to='legal.legaldocumentpage')),
                ('replaced', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='legal.legaldocumentpage', verbose_name='replaced document')),
            ],
            options={
                'verbose_name': 'replaced document',
                'verbose_name_plural': 'replaced documents',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.RunPython(copy_replacements, copy_back),
        migrations.RemoveField(
            model_name='legaldocumentpage',
            name='replaces',
        ),
    ]
