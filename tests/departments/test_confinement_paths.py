"""Confinement holds at the data (DESIGN §5.2, §5.9): the admin API, ids typed into page
forms, bulk and API actions of the board, and reports."""

import json
from http import HTTPStatus

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text, streamfield

from news.models import NewsPage

from ..helpers import article_form_data

pytestmark = pytest.mark.django_db


def _ids(response):
    assert response.status_code == HTTPStatus.OK, response.status_code
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize("role", ["editor", "approver"])
@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_admin_api_lists_only_the_units_own_and_shared_media(client, module_portal, role, endpoint):
    client.force_login(getattr(module_portal.a, role))
    listed = _ids(client.get(f"/admin/api/main/{endpoint}/?limit=20"))
    own = getattr(module_portal.a, endpoint[:-1]).pk
    other = getattr(module_portal.b, endpoint[:-1]).pk
    assert own in listed
    assert other not in listed
    detail = client.get(f"/admin/api/main/{endpoint}/{other}/")
    assert detail.status_code == HTTPStatus.NOT_FOUND


def test_admin_api_pages_exclude_other_units(client, module_portal):
    client.force_login(module_portal.a.editor)
    listed = _ids(client.get("/admin/api/main/pages/?limit=20"))
    assert module_portal.a.draft_article.pk in listed
    assert module_portal.b.draft_article.pk not in listed
    response = client.get(f"/admin/api/main/pages/{module_portal.b.draft_article.pk}/")
    assert response.status_code == HTTPStatus.NOT_FOUND


def _post_article(client, portal, **overrides):
    article = NewsPage.objects.get(pk=portal.a.draft_article.pk)
    data = article_form_data(article, **overrides)
    return client.post(f"/admin/pages/{article.pk}/edit/", data), article


def _other_units_ids(portal):
    return {
        "featured image": {"featured_image": portal.b.image.pk},
        "image block": {
            "body": streamfield(
                [
                    (
                        "image",
                        {
                            "image": {
                                "image": portal.b.image.pk,
                                "alt_text": "Ảnh",
                                "decorative": "",
                            },
                            "caption": "",
                            "credit": "",
                        },
                    )
                ]
            )
        },
        "document block": {
            "body": streamfield(
                [("document", {"document": portal.b.document.pk, "label": "Văn bản"})]
            )
        },
        "rich-text document link": {
            "body": streamfield(
                [
                    (
                        "paragraph",
                        rich_text(
                            f'<p><a linktype="document" id="{portal.b.document.pk}">tệp</a></p>'
                        ),
                    )
                ]
            )
        },
        "rich-text link to a draft of another unit": {
            "body": streamfield(
                [
                    (
                        "paragraph",
                        rich_text(
                            f'<p><a linktype="page" id="{portal.b.draft_article.pk}">bài</a></p>'
                        ),
                    )
                ]
            )
        },
    }


CASES = [
    "featured image",
    "image block",
    "document block",
    "rich-text document link",
    "rich-text link to a draft of another unit",
]


# Where the field can be emptied (a chooser), the form comes back with it empty and a
# message; inside a StreamField or rich text, only a forged form gets there, and it is
# refused outright (Wagtail answers the refusal by sending the user to the dashboard with
# its "no permission" message), never shown back with the other unit's object in it.
REFUSED_OUTRIGHT = {"image block", "document block", "rich-text document link",
                    "rich-text link to a draft of another unit"}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_page_form_refuses_another_units_object(client, module_portal, case):
    client.force_login(module_portal.a.editor)
    revisions = Page.objects.get(pk=module_portal.a.draft_article.pk).revisions.count()
    response, article = _post_article(
        client, module_portal, **_other_units_ids(module_portal)[case]
    )
    body = response.content.decode()
    if case in REFUSED_OUTRIGHT:
        assert response.status_code == HTTPStatus.FOUND and response.url == "/admin/"
    else:
        assert response.status_code == HTTPStatus.OK
        assert "thuộc đơn vị khác nên không dùng được" in body
    b = module_portal.b
    for secret in (b.image.title, b.document.title, b.draft_article.title, b.draft_article.slug):
        assert secret not in body
    assert article.revisions.count() == revisions


@pytest.mark.parametrize("case", ["featured image", "document block"])
def test_preview_refuses_another_units_object(client, module_portal, case):
    client.force_login(module_portal.a.editor)
    article = NewsPage.objects.get(pk=module_portal.a.draft_article.pk)
    data = article_form_data(article, **_other_units_ids(module_portal)[case])
    check = client.post(f"/admin/pages/{article.pk}/edit/preview/", data)
    if case in REFUSED_OUTRIGHT:
        assert check.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    else:
        assert check.json()["is_valid"] is False
    page = client.get(f"/admin/pages/{article.pk}/edit/preview/")
    assert module_portal.b.document.title not in page.content.decode()


def test_page_form_accepts_own_and_shared_images(client, module_portal):
    client.force_login(module_portal.a.editor)
    response, article = _post_article(
        client, module_portal, featured_image=module_portal.shared_image.pk
    )
    assert response.status_code == HTTPStatus.FOUND
    assert NewsPage.objects.get(pk=article.pk).get_latest_revision_as_object().featured_image_id


def test_board_cannot_move_across_units__bulk_move(client, module_portal):
    article = module_portal.a.live_article
    client.force_login(module_portal.board_member)
    client.post(
        f"/admin/bulk/wagtailcore/page/move/?id={article.pk}",
        {"chooser": module_portal.b.index.pk},
    )
    assert Page.objects.get(pk=article.pk).get_parent().pk == module_portal.a.index.pk


@pytest.mark.parametrize("action", ["copy", "move", "create_alias"])
def test_board_cannot_place_content_in_another_unit__admin_api(client, module_portal, action):
    article = module_portal.a.live_article
    client.force_login(module_portal.board_member)
    children = Page.objects.get(pk=module_portal.b.index.pk).get_children().count()
    response = client.post(
        f"/admin/api/main/pages/{article.pk}/action/{action}/",
        json.dumps({"destination_page_id": module_portal.b.index.pk, "keep_live": True}),
        content_type="application/json",
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Page.objects.get(pk=module_portal.b.index.pk).get_children().count() == children


def test_board_may_copy_within_a_unit__admin_api__as_a_draft(client, module_portal):
    article = module_portal.a.live_article
    client.force_login(module_portal.board_member)

    def copy(**options):
        return client.post(
            f"/admin/api/main/pages/{article.pk}/action/copy/",
            json.dumps({"destination_page_id": module_portal.a.index.pk, **options}),
            content_type="application/json",
        )

    # A live copy would be a publication without the unit's approval.
    assert copy(slug="ban-sao-song").status_code == HTTPStatus.FORBIDDEN
    response = copy(slug="ban-sao", keep_live=False)
    assert response.status_code == HTTPStatus.CREATED
    assert not Page.objects.get(pk=response.json()["id"]).live


@pytest.mark.parametrize("role", ["editor", "approver"])
def test_page_types_report_is_for_the_board_only(client, module_portal, role):
    client.force_login(getattr(module_portal.a, role))
    response = client.get("/admin/reports/page-types-usage/")
    assert response.status_code == HTTPStatus.FORBIDDEN
    reports = client.get("/admin/").content.decode()
    assert "/admin/reports/page-types-usage/" not in reports
    client.force_login(module_portal.board_member)
    assert client.get("/admin/reports/page-types-usage/").status_code == HTTPStatus.OK
