"""Wagtail's initial data gives its "Editors" and "Moderators" groups rights over the whole
page tree, and assigns a "Moderators approval" workflow to the root page (DESIGN §8): left
in place, every unit would inherit them. The groups go; the workflow is deactivated."""

from django.db import migrations

DEFAULT_GROUPS = ("Editors", "Moderators")
DEFAULT_WORKFLOW = "Moderators approval"


def neutralise(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")

    Group.objects.filter(name__in=DEFAULT_GROUPS).delete()
    workflows = Workflow.objects.filter(name=DEFAULT_WORKFLOW)
    WorkflowPage.objects.filter(workflow__in=workflows).delete()
    Task.objects.filter(workflow_tasks__workflow__in=workflows).update(active=False)
    workflows.update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("departments", "0002_unit_resources_and_approval_task"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(neutralise, migrations.RunPython.noop)]
