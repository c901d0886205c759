"""Who must use the second sign-in factor follows what they can do, not what their groups
are called."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupApprovalTask, GroupPagePermission

from departments.provisioning import ensure_board_group
from security.two_factor import requires_two_factor

SECOND_STEP = "/admin/xac-thuc-hai-buoc/"


@pytest.fixture(autouse=True)
def two_factor(settings):
    settings.GOVCMS_TWO_FACTOR = True


@pytest.fixture
def unit(unit_news_index):
    return unit_news_index.get_parent().specific


@pytest.fixture
def make_user(django_user_model):
    def make(username, *groups, **extra):
        user = django_user_model.objects.create_user(username, password="mat-khau-thu", **extra)
        user.groups.add(*groups)
        return user

    return make


def asked_for_the_second_factor(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    if response.status_code == HTTPStatus.FOUND:
        return response["Location"].startswith(SECOND_STEP)
    assert response.status_code == HTTPStatus.OK
    return False


def test_two_factor__not_required_of_an_editor(client, unit, make_user):
    editor = make_user("bientap", unit.resources.editors)
    assert not asked_for_the_second_factor(client, editor)


def test_two_factor__required_of_an_approver_after_their_group_is_renamed(client, unit, make_user):
    approvers = unit.resources.approvers
    approver = make_user("lanhdao", approvers)
    approvers.name = "Lãnh đạo Bảo tàng"
    approvers.save()
    assert asked_for_the_second_factor(client, approver)


def test_two_factor__required_of_an_approver_even_without_the_approval_task(
    client, unit, make_user
):
    unit.resources.task.groups.clear()
    assert asked_for_the_second_factor(client, make_user("lanhdao", unit.resources.approvers))


def test_two_factor__required_of_a_board_member(client, home_page, make_user):
    assert asked_for_the_second_factor(client, make_user("bbt", ensure_board_group()))


def test_two_factor__required_of_a_board_member_after_the_board_is_renamed(
    client, home_page, make_user
):
    board = ensure_board_group()
    board.name = "Ban biên tập"
    board.save()
    assert asked_for_the_second_factor(client, make_user("bbt", board))


def test_two_factor__required_of_a_custom_group_with_publish_permission_on_one_page(
    client, unit_news_index, make_user
):
    publishers = Group.objects.create(name="Nhóm tự đặt")
    GroupPagePermission.objects.create(
        group=publishers,
        page=unit_news_index,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="publish_page"
        ),
    )
    assert asked_for_the_second_factor(client, make_user("xuatban", publishers))


def test_two_factor__required_of_any_approval_task_group(client, home_page, make_user):
    reviewers = Group.objects.create(name="Tổ thẩm định")
    GroupApprovalTask.objects.create(name="Thẩm định").groups.add(reviewers)
    assert asked_for_the_second_factor(client, make_user("thamdinh", reviewers))


@pytest.mark.parametrize("codename", ["change_user", "add_user", "change_group"])
def test_two_factor__required_of_whoever_may_manage_accounts(
    client, home_page, make_user, codename
):
    permission = Permission.objects.get(content_type__app_label="auth", codename=codename)
    directly = make_user("nhansu")
    directly.user_permissions.add(permission)
    assert asked_for_the_second_factor(client, directly)

    through_a_group = Group.objects.create(name="Nhân sự")
    through_a_group.permissions.add(permission)
    assert asked_for_the_second_factor(client, make_user("nhansu2", through_a_group))


def test_two_factor__required_of_a_superuser(client, home_page, django_user_model):
    admin = django_user_model.objects.create_superuser("quantri", password="mat-khau-thu")
    assert asked_for_the_second_factor(client, admin)


def test_who_must_use_two_factor__takes_one_query(unit, make_user, django_assert_num_queries):
    editor = make_user("bientap", unit.resources.editors)
    approver = make_user("lanhdao", unit.resources.approvers)
    with django_assert_num_queries(2):
        assert not requires_two_factor(editor)
        assert requires_two_factor(approver)
