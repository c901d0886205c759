"""Unit provisioning (DESIGN §4): everything a unit needs, made and repaired idempotently.

``provision_unit`` is called when a unit page is saved (signal), by ``create_unit`` and by
``sync_units``; each function returns the list of what it had to create or repair, so a
second run reports nothing.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from news.models import NewsIndexPage

from .models import DepartmentPage, UnitApprovalTask, UnitResources

EDITOR_PAGE_PERMISSIONS = {"add_page", "change_page"}
# No publish_page: approval publishes through the workflow's finish action, so no direct
# publishing path (button, bulk action, schedule, revert, copy, API) is open to a unit.
APPROVER_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS | {"lock_page", "unlock_page"}
BOARD_PAGE_PERMISSIONS = APPROVER_PAGE_PERMISSIONS | {"publish_page", "bulk_delete_page"}

UNIT_MEDIA_PERMISSIONS = {
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
}
SHARED_MEDIA_PERMISSIONS = {("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")}
BOARD_MEDIA_PERMISSIONS = UNIT_MEDIA_PERMISSIONS | {
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
}

# The lists documents are filed under (legal/): the board keeps them.
BOARD_MODEL_PERMISSIONS = (
    {
        ("legal", f"{action}_{model}")
        for action in ("add", "change", "delete")
        for model in ("documenttype", "issuingbody", "documentfield")
    }
    | {
        ("questions", "view_question"),
        ("questions", "change_question"),
        ("simple_translation", "submit_translation"),
    }
    | {("editorial", f"{action}_royaltygrade") for action in ("add", "change", "delete", "view")}
)

# Citizens' questions (questions/): a unit's staff read and handle their unit's own
# (the viewset narrows every view to them); the board, everyone's.
UNIT_MODEL_PERMISSIONS = {("questions", "view_question"), ("questions", "change_question")}
# The English versions: a unit's staff make them of their own pages (about/translation.py
# limits which, and how).
UNIT_MODEL_PERMISSIONS |= {("simple_translation", "submit_translation")}

# Wagtail's initial data (DESIGN §8): groups with rights on the root page, and a workflow.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _admin_access():
    return _permission("wagtailadmin", "access_admin")


def names_for(unit):
    values = {"short_name": unit.short_name, "title": unit.title}
    return {
        "editors": settings.GOVCMS_UNIT_EDITORS_GROUP.format(**values),
        "approvers": settings.GOVCMS_UNIT_APPROVERS_GROUP.format(**values),
        "collection": settings.GOVCMS_UNIT_COLLECTION.format(**values),
        "workflow": settings.GOVCMS_UNIT_WORKFLOW.format(**values),
        "task": settings.GOVCMS_UNIT_TASK.format(**values),
    }


def _ensure_named(obj, name, repairs, label):
    if obj.name != name:
        repairs.append(f"{label}: renamed '{obj.name}' to '{name}'")
        obj.name = name
        obj.save(update_fields=["name"])


def _ensure_group(group, name, repairs):
    if group is None:
        group, created = Group.objects.get_or_create(name=name)
        repairs.append(f"group '{name}': {'created' if created else 'linked'}")
    _ensure_named(group, name, repairs, "group")
    if not group.permissions.filter(pk=_admin_access().pk).exists():
        group.permissions.add(_admin_access())
        repairs.append(f"group '{name}': admin access granted")
    return group


def _ensure_model_permissions(group, grants, repairs):
    """Give ``group`` at least the model permissions ``grants`` ({(app, codename)})."""
    held = set(group.permissions.values_list("content_type__app_label", "codename"))
    for app_label, codename in sorted(grants - held):
        group.permissions.add(_permission(app_label, codename))
        repairs.append(f"group '{group.name}': granted {app_label}.{codename}")


def _ensure_page_permissions(group, pages, codenames, repairs):
    """Give ``group`` exactly ``codenames`` on each of ``pages`` (a unit page and its
    translations) and no page permission elsewhere."""
    current = GroupPagePermission.objects.filter(group=group)
    stray = current.exclude(page__in=pages) | current.filter(page__in=pages).exclude(
        permission__codename__in=codenames
    )
    for grant in stray.select_related("permission", "page"):
        repairs.append(
            f"group '{group.name}': removed {grant.permission.codename} on '{grant.page.title}'"
        )
        grant.delete()
    for page in pages:
        held = set(current.filter(page=page).values_list("permission__codename", flat=True))
        for codename in sorted(codenames - held):
            GroupPagePermission.objects.create(
                group=group, page=page, permission=_permission("wagtailcore", codename)
            )
            repairs.append(f"group '{group.name}': granted {codename} on '{page.title}'")


def _ensure_collection_permissions(group, grants, repairs):
    """Give ``group`` exactly ``grants`` ({collection: {(app, codename)}}) on collections."""
    current = GroupCollectionPermission.objects.filter(group=group).select_related(
        "permission__content_type", "collection"
    )
    held = set()
    for grant in current:
        key = (grant.permission.content_type.app_label, grant.permission.codename)
        if key in grants.get(grant.collection, set()):
            held.add((grant.collection.pk, key))
        else:
            repairs.append(
                f"group '{group.name}': removed {key[1]} on collection '{grant.collection.name}'"
            )
            grant.delete()
    for collection, keys in grants.items():
        for key in sorted(keys):
            if (collection.pk, key) not in held:
                GroupCollectionPermission.objects.create(
                    group=group, collection=collection, permission=_permission(*key)
                )
                repairs.append(
                    f"group '{group.name}': granted {key[1]} on collection '{collection.name}'"
                )


def _ensure_child_collection(collection, name, repairs):
    root = Collection.get_first_root_node()
    if collection is None:
        collection = root.get_children().filter(name=name).first()
        if collection is None:
            collection = root.add_child(name=name)
            repairs.append(f"collection '{name}': created")
        else:
            repairs.append(f"collection '{name}': linked")
    _ensure_named(collection, name, repairs, "collection")
    return collection


def ensure_shared_collection(repairs=None):
    repairs = [] if repairs is None else repairs
    root = Collection.get_first_root_node()
    shared = root.get_children().filter(name=settings.GOVCMS_SHARED_COLLECTION).first()
    if shared is None:
        shared = root.add_child(name=settings.GOVCMS_SHARED_COLLECTION)
        repairs.append(f"collection '{shared.name}': created")
    return shared


def ensure_board_group(repairs=None):
    """The portal editorial board: publishes and approves anywhere under the home pages
    (the sites' root pages)."""
    repairs = [] if repairs is None else repairs
    board = _ensure_group(
        Group.objects.filter(name=settings.GOVCMS_BOARD_GROUP).first(),
        settings.GOVCMS_BOARD_GROUP,
        repairs,
    )
    homes = Page.objects.filter(sites_rooted_here__isnull=False)
    # The sites' home pages and their translations (the English home under /en/).
    for home in Page.objects.filter(translation_key__in=homes.values("translation_key")):
        held = set(
            GroupPagePermission.objects.filter(group=board, page=home).values_list(
                "permission__codename", flat=True
            )
        )
        for codename in sorted(BOARD_PAGE_PERMISSIONS - held):
            GroupPagePermission.objects.create(
                group=board, page=home, permission=_permission("wagtailcore", codename)
            )
            repairs.append(f"group '{board.name}': granted {codename} on '{home.title}'")
    _ensure_collection_permissions(
        board, {Collection.get_first_root_node(): BOARD_MEDIA_PERMISSIONS}, repairs
    )
    _ensure_model_permissions(board, BOARD_MODEL_PERMISSIONS, repairs)
    return board


def _ensure_active(obj, model, name, repairs, label):
    """``obj`` (created as ``model`` when missing), named ``name`` and active."""
    if obj is None:
        obj = model.objects.create(name=name)
        repairs.append(f"{label} '{name}': created")
    _ensure_named(obj, name, repairs, label)
    if not obj.active:
        obj.active = True
        obj.save(update_fields=["active"])
        repairs.append(f"{label} '{name}': reactivated")
    return obj


def _ensure_workflow(resources, names, repairs):
    task = _ensure_active(resources.task, UnitApprovalTask, names["task"], repairs, "task")
    if set(task.groups.all()) != {resources.approvers}:
        task.groups.set([resources.approvers])
        repairs.append(f"task '{task.name}': assigned to '{resources.approvers.name}'")

    workflow = _ensure_active(resources.workflow, Workflow, names["workflow"], repairs, "workflow")
    if list(workflow.workflow_tasks.values_list("task_id", flat=True)) != [task.pk]:
        workflow.workflow_tasks.all().delete()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        repairs.append(f"workflow '{workflow.name}': task set to '{task.name}'")

    for page in _unit_and_translations(resources.unit):
        assignment = WorkflowPage.objects.filter(page=page).first()
        if assignment is None or assignment.workflow_id != workflow.pk:
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
            repairs.append(f"workflow '{workflow.name}': assigned to '{page.title}'")
    return workflow, task


def _unit_and_translations(unit):
    """The unit page and its translations (its English version), which the unit's groups
    and workflow cover as well."""
    return [unit, *unit.get_translations().order_by("path")]


@transaction.atomic
def provision_unit(unit):
    """Create or repair the groups, permissions, collection and workflow of ``unit``.

    Returns a list of human-readable repairs; empty when the unit was already complete.
    """
    repairs = []
    unit = DepartmentPage.objects.get(pk=unit.pk)
    if unit.locale_id != Locale.get_default().pk:
        # A translation belongs to its source unit: provisioning that unit covers it.
        unit = DepartmentPage.objects.filter(
            translation_key=unit.translation_key, locale=Locale.get_default()
        ).first()
        if unit is None:
            return []
    resources, created = UnitResources.objects.get_or_create(unit=unit)
    names = names_for(unit)
    shared = ensure_shared_collection(repairs)

    resources.editors = _ensure_group(resources.editors, names["editors"], repairs)
    resources.approvers = _ensure_group(resources.approvers, names["approvers"], repairs)
    resources.collection = _ensure_child_collection(
        resources.collection, names["collection"], repairs
    )
    resources.workflow, resources.task = _ensure_workflow(resources, names, repairs)
    resources.save()

    media = {resources.collection: UNIT_MEDIA_PERMISSIONS, shared: SHARED_MEDIA_PERMISSIONS}
    pages = _unit_and_translations(unit)
    _ensure_page_permissions(resources.editors, pages, EDITOR_PAGE_PERMISSIONS, repairs)
    _ensure_page_permissions(resources.approvers, pages, APPROVER_PAGE_PERMISSIONS, repairs)
    _ensure_collection_permissions(resources.editors, media, repairs)
    _ensure_collection_permissions(resources.approvers, media, repairs)
    _ensure_model_permissions(resources.editors, UNIT_MODEL_PERMISSIONS, repairs)
    _ensure_model_permissions(resources.approvers, UNIT_MODEL_PERMISSIONS, repairs)
    return [f"{unit.short_name}: {repair}" for repair in repairs]


def neutralise_wagtail_defaults(repairs=None):
    """Undo what Wagtail's initial data sets up over the whole tree, as migration
    ``departments.0003`` does on a new database: its "Editors" and "Moderators" groups
    go, and its "Moderators approval" workflow is unassigned and deactivated, with its
    tasks. ``sync_units`` runs it again, should the groups come back (a fixture, say)."""
    repairs = [] if repairs is None else repairs
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        group.delete()
        repairs.append(f"group '{group.name}': Wagtail's default group deleted")
    assignments = WorkflowPage.objects.filter(workflow__name=WAGTAIL_DEFAULT_WORKFLOW)
    if assignments.exists():
        assignments.delete()
        repairs.append(f"workflow '{WAGTAIL_DEFAULT_WORKFLOW}': unassigned")
    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True):
        workflow.deactivate()
        repairs.append(f"workflow '{workflow.name}': deactivated")
    for task in Task.objects.filter(
        workflow_tasks__workflow__name=WAGTAIL_DEFAULT_WORKFLOW, active=True
    ):
        task.deactivate()
        repairs.append(f"task '{task.name}': deactivated")
    return repairs


def sync_all_units():
    """Bring every unit, the board and the shared collection back to their provisioned state."""
    repairs = neutralise_wagtail_defaults()
    ensure_shared_collection(repairs)
    ensure_board_group(repairs)
    for unit in DepartmentPage.objects.filter(locale=Locale.get_default()).order_by("path"):
        repairs.extend(provision_unit(unit))
    return repairs


@transaction.atomic
def create_unit(full_name, short_name, title=None, news_index_title="Tin tức"):
    """Create a published unit page under the portal home (the default site's root
    page), with its news index."""
    home = Page.objects.filter(sites_rooted_here__is_default_site=True).first()
    if home is None:
        raise ValueError("There is no portal home page yet.")
    unit = DepartmentPage(title=title or full_name, full_name=full_name, short_name=short_name)
    # Saving validates the page (slug, short name uniqueness) and provisions the unit.
    home.add_child(instance=unit)
    unit.save_revision().publish()
    index = NewsIndexPage(title=news_index_title)
    unit.add_child(instance=index)
    index.save_revision().publish()
    return unit
