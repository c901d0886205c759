"""Units are provisioned, never wired by hand (DESIGN §4)."""

import io
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from departments.models import DepartmentPage, UnitApprovalTask, unit_pages


def page_permissions(group):
    return {
        (grant.page.specific.title, grant.permission.codename)
        for grant in GroupPagePermission.objects.filter(group=group).select_related(
            "page", "permission"
        )
    }


def collection_permissions(group):
    return {
        (grant.collection.name, grant.permission.codename)
        for grant in GroupCollectionPermission.objects.filter(group=group).select_related(
            "collection", "permission"
        )
    }


def assert_provisioned(unit):
    unit = DepartmentPage.objects.select_related("resources").get(pk=unit.pk)
    resources = unit.resources
    short = unit.short_name
    assert resources.editors.name == f"Biên tập viên {short}"
    assert resources.approvers.name == f"Người duyệt tin {short}"
    for group in (resources.editors, resources.approvers):
        assert group.permissions.filter(codename="access_admin").exists()
    assert page_permissions(resources.editors) == {
        (unit.title, "add_page"),
        (unit.title, "change_page"),
    }
    assert page_permissions(resources.approvers) == {
        (unit.title, "add_page"),
        (unit.title, "change_page"),
        (unit.title, "lock_page"),
        (unit.title, "unlock_page"),
    }
    collection = resources.collection
    assert collection.name == f"{short} – {unit.title}"
    unit_media = {
        (collection.name, codename)
        for codename in (
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        )
    }
    shared_media = {("Dùng chung", "choose_image"), ("Dùng chung", "choose_document")}
    assert collection_permissions(resources.editors) == unit_media | shared_media
    assert collection_permissions(resources.approvers) == unit_media | shared_media

    assignment = WorkflowPage.objects.get(page=unit)
    assert assignment.workflow == resources.workflow
    assert resources.workflow.name == f"Quy trình duyệt tin {short}"
    assert resources.workflow.active
    tasks = [task.specific for task in resources.workflow.tasks]
    assert len(tasks) == 1 and isinstance(tasks[0], UnitApprovalTask)
    assert list(tasks[0].groups.all()) == [resources.approvers]


def test_unit_created_in_the_admin__is_provisioned(admin_client, home_page):
    response = admin_client.post(
        f"/admin/pages/add/departments/departmentpage/{home_page.pk}/",
        nested_form_data(
            {
                "title": "Nhà hát Chèo",
                "slug": "nha-hat-cheo",
                "full_name": "Nhà hát Chèo tỉnh Hà Nam",
                "short_name": "NHC",
                "introduction": rich_text(""),
                "leaders": inline_formset([]),
            }
        ),
    )
    assert response.status_code == HTTPStatus.FOUND
    assert_provisioned(unit_pages().get(short_name="NHC"))


def test_create_unit_command__creates_a_provisioned_unit_with_news_index(home_page, capsys):
    call_command("create_unit", "Nhà hát Chèo tỉnh Hà Nam", short="NHC", title="Nhà hát Chèo")
    unit = unit_pages().get(short_name="NHC")
    assert unit.live and unit.full_name == "Nhà hát Chèo tỉnh Hà Nam"
    assert unit.slug == "nha-hat-cheo"
    assert unit.get_children().live().filter(title="Tin tức").exists()
    assert_provisioned(unit)
    assert "Biên tập viên NHC" in capsys.readouterr().out


def test_create_unit_command__refuses_a_taken_short_name(portal):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="already exists"):
        call_command("create_unit", "Bảo tàng khác", short="btt")
    assert DepartmentPage.objects.filter(full_name="Bảo tàng khác").count() == 0


def test_renaming_a_unit__renames_its_groups_collection_and_workflow(portal):
    unit = portal.a.page
    unit.title = "Bảo tàng Hà Nam"
    unit.short_name = "BTHN"
    unit.save_revision().publish()
    unit.refresh_from_db()
    assert_provisioned(unit)
    assert not Group.objects.filter(name__endswith=" BTT").exists()
    assert portal.a.editor.groups.get().name == "Biên tập viên BTHN"


def test_sync_units__repairs_and_reports_then_finds_nothing(portal, capsys):
    resources = portal.a.page.resources
    GroupPagePermission.objects.filter(
        group=resources.approvers, permission__codename="lock_page"
    ).delete()
    GroupPagePermission.objects.create(
        group=resources.editors, page=portal.b.page, permission_type="change"
    )
    WorkflowPage.objects.filter(page=portal.a.page).delete()
    resources.collection.name = "Ảnh linh tinh"
    resources.collection.save()

    call_command("sync_units")
    output = capsys.readouterr().out
    assert "granted lock_page" in output
    assert "removed change_page on 'Thư viện tỉnh'" in output
    assert "assigned to 'Bảo tàng tỉnh'" in output
    assert "renamed 'Ảnh linh tinh'" in output
    assert_provisioned(portal.a.page)
    assert_provisioned(portal.b.page)

    call_command("sync_units")
    assert "nothing to repair" in capsys.readouterr().out


def test_sync_units__recreates_a_deleted_group(portal):
    portal.a.page.resources.approvers.delete()
    call_command("sync_units")
    assert_provisioned(portal.a.page)


def test_shared_collection__is_choose_only_for_units(portal):
    shared = Collection.objects.get(name="Dùng chung")
    for group in (portal.a.page.resources.editors, portal.b.page.resources.approvers):
        held = GroupCollectionPermission.objects.filter(group=group, collection=shared)
        assert set(held.values_list("permission__codename", flat=True)) == {
            "choose_image",
            "choose_document",
        }


def test_wagtail_defaults__give_nobody_rights_over_units(portal):
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    default = Workflow.objects.get(name="Moderators approval")
    assert not default.active
    assert not WorkflowPage.objects.filter(workflow=default).exists()
    unit_groups = {portal.a.page.resources.editors, portal.a.page.resources.approvers}
    board = Group.objects.get(name="Ban biên tập cổng")
    holders = {grant.group for grant in GroupPagePermission.objects.all()}
    assert holders <= unit_groups | {
        portal.b.page.resources.editors,
        portal.b.page.resources.approvers,
        board,
    }


def test_sync_units__removes_wagtails_default_groups_as_the_migration_does(portal):
    """Wagtail's defaults are handled one way: brought back (by a fixture, say), the
    repair deletes the groups and deactivates the workflow and its task again."""
    editors = Group.objects.create(name="Editors")
    GroupPagePermission.objects.create(
        group=editors,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="change_page"),
    )
    default = Workflow.objects.get(name="Moderators approval")
    default.active = True
    default.save()
    WorkflowPage.objects.create(workflow=default, page=Page.get_first_root_node())

    call_command("sync_units", stdout=io.StringIO())

    assert not Group.objects.filter(name="Editors").exists()
    default.refresh_from_db()
    assert not default.active
    assert not WorkflowPage.objects.filter(workflow=default).exists()
    assert not default.tasks.filter(active=True).exists()
