"""Two provisioned units, A (Bảo tàng tỉnh) and B (Thư viện tỉnh), with their people."""

import io
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from departments.provisioning import ensure_board_group, ensure_shared_collection
from home.demo.images import placeholder_jpeg

from ..factories import DepartmentPageFactory, NewsIndexPageFactory, NewsPageFactory
from ..helpers import make_home_page, rolled_back
from ..snapshot import Snapshot


@dataclass
class Unit:
    page: object
    index: object
    editor: object
    approver: object
    second_approver: object
    live_article: object
    draft_article: object
    image: object
    document: object


def _user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(
        username, email=f"{username}@example.vn", password="mat-khau-thu", **extra
    )
    if group is not None:
        user.groups.add(group)
    return user


def _image(title, collection):
    return get_image_model().objects.create(
        title=title,
        collection=collection,
        file=ImageFile(io.BytesIO(placeholder_jpeg(title)), name="anh.jpg"),
    )


def _document(title, collection):
    return get_document_model().objects.create(
        title=title, collection=collection, file=ContentFile(b"%PDF-1.4 test", name="van-ban.pdf")
    )


def _unit(django_user_model, home_page, title, short_name):
    page = DepartmentPageFactory(parent=home_page, title=title, short_name=short_name)
    resources = page.resources
    index = NewsIndexPageFactory(parent=page)
    live_article = NewsPageFactory(parent=index, title=f"Tin đã đăng {short_name}")
    live_article.save_revision().publish()
    draft_article = NewsPageFactory(parent=index, title=f"Bản nháp {short_name}", live=False)
    draft_article.save_revision()
    key = short_name.lower()
    return Unit(
        page=page,
        index=index,
        editor=_user(django_user_model, f"bientap_{key}", resources.editors),
        approver=_user(django_user_model, f"duyet_{key}", resources.approvers),
        second_approver=_user(django_user_model, f"duyet2_{key}", resources.approvers),
        live_article=live_article,
        draft_article=draft_article,
        image=_image(f"Ảnh của {short_name}", resources.collection),
        document=_document(f"Văn bản của {short_name}", resources.collection),
    )


@dataclass
class Portal:
    home: object
    a: Unit
    b: Unit
    board_member: object
    administrator: object
    shared_image: object


def build_portal(home_page, django_user_model):
    board = ensure_board_group()
    shared = ensure_shared_collection()
    return Portal(
        home=home_page,
        a=_unit(django_user_model, home_page, "Bảo tàng tỉnh", "BTT"),
        b=_unit(django_user_model, home_page, "Thư viện tỉnh", "TVT"),
        board_member=_user(django_user_model, "bbt", board),
        administrator=_user(django_user_model, "quantri", is_superuser=True, is_staff=True),
        shared_image=_image("Ảnh dùng chung", shared),
    )


def _fresh(obj):
    return type(obj)._default_manager.get(pk=obj.pk)


def _fresh_unit(unit):
    return Unit(**{field: _fresh(value) for field, value in vars(unit).items()})


@pytest.fixture
def portal(module_portal, db):
    """The module's two-unit portal, read again from the database for this test, so that
    no test sees another's changes to the objects in memory."""
    return Portal(
        home=_fresh(module_portal.home),
        a=_fresh_unit(module_portal.a),
        b=_fresh_unit(module_portal.b),
        board_member=_fresh(module_portal.board_member),
        administrator=_fresh(module_portal.administrator),
        shared_image=_fresh(module_portal.shared_image),
    )


# Built once per worker, copied into each module that uses it (tests/snapshot.py).
PORTAL = Snapshot(lambda: build_portal(make_home_page(), get_user_model()), whole_database=True)


@pytest.fixture(scope="module")
def module_portal(django_db_setup, django_db_blocker):
    """The two-unit portal, for a module (see ``rolled_back``)."""
    with rolled_back(django_db_blocker):
        portal = PORTAL.restore()
        ContentType.objects.clear_cache()  # the copy's ids, then the database's own
        yield portal
    ContentType.objects.clear_cache()


@pytest.fixture
def board_group(portal):
    return Group.objects.get(name="Ban biên tập cổng")
