from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model

from departments.models import unit_pages
from home.demo.loader import (
    DEMO_BOARD_USERNAME,
    DEMO_PASSWORD,
    DEMO_SECOND_BOARD_USERNAME,
    demo_usernames,
)
from tests.helpers import sign_in


def test_load_demo__creates_an_editor_and_approver_per_unit(demo, client):
    User = get_user_model()
    for unit in unit_pages():
        editor_name, approver_name = demo_usernames(unit.short_name)
        editor = User.objects.get(username=editor_name)
        approver = User.objects.get(username=approver_name)
        assert list(editor.groups.all()) == [unit.resources.editors]
        assert list(approver.groups.all()) == [unit.resources.approvers]
        assert not editor.is_superuser and not approver.is_superuser
        assert sign_in(client, editor_name, DEMO_PASSWORD)
        assert client.get("/admin/").status_code == HTTPStatus.OK
    for username in (DEMO_BOARD_USERNAME, DEMO_SECOND_BOARD_USERNAME):
        board = User.objects.get(username=username)
        assert board.groups.get().name == "Ban biên tập cổng"


@pytest.mark.parametrize(
    "short_name, expected", [("TTHLTĐ", "bientap.tthltd"), ("TVT", "bientap.tvt")]
)
def test_demo_usernames__are_ascii(short_name, expected):
    assert demo_usernames(short_name)[0] == expected
