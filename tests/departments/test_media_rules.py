"""Media follow the publishing rule (DESIGN §5.8): what the public sees of an image or a
document shown by a live page changes only through approval, and drafts' media stay private."""

import io
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from departments.models import LiveReference
from home.demo.images import placeholder_jpeg

from ..factories import NewsPageFactory

pytestmark = pytest.mark.django_db

REFUSAL = "Hãy tải lên tệp mới và chọn nó trong trang"


def _image(portal):
    return get_image_model().objects.get(pk=portal.a.image.pk)


def _document(portal):
    return get_document_model().objects.get(pk=portal.a.document.pk)


def _article(portal, *, live, image=None, document=None):
    body = [{"type": "paragraph", "value": "<p>Nội dung.</p>"}]
    if document is not None:
        body.append({"type": "document", "value": {"document": document.pk, "label": ""}})
    article = NewsPageFactory(
        parent=portal.a.index, title="Tin có ảnh", featured_image=image, body=body, live=False
    )
    revision = article.save_revision()
    if live:
        revision.publish()
    return article


def _new_jpeg(name="anh-moi.jpg"):
    return SimpleUploadedFile(name, placeholder_jpeg("Ảnh thay thế"), content_type="image/jpeg")


def _image_form(image, **changes):
    data = {
        "title": image.title,
        "description": image.description,
        "collection": image.collection_id,
        "tags": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
    }
    data.update(changes)
    return data


def _replace_image_file(client, image):
    return client.post(f"/admin/images/{image.pk}/", _image_form(image, file=_new_jpeg()))


def test_editor_cannot_replace_the_file_of_an_image_a_live_page_shows(client, module_portal):
    image = _image(module_portal)
    _article(module_portal, live=True, image=image)
    client.force_login(module_portal.a.editor)

    response = _replace_image_file(client, image)

    assert response.status_code == HTTPStatus.OK
    assert REFUSAL in response.content.decode()


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Tên mới"},
        {
            "focal_point_x": "10",
            "focal_point_y": "10",
            "focal_point_width": "5",
            "focal_point_height": "5",
        },
    ],
)
def test_editor_cannot_change_what_the_public_sees_of_a_published_image(
    client, module_portal, change
):
    image = _image(module_portal)
    _article(module_portal, live=True, image=image)
    client.force_login(module_portal.a.approver)
    client.post(f"/admin/images/{image.pk}/", _image_form(image, **change))
    after = _image(module_portal)
    assert (after.title, after.focal_point_x) == (image.title, image.focal_point_x)


def test_editor_may_still_tag_a_published_image(client, module_portal):
    image = _image(module_portal)
    _article(module_portal, live=True, image=image)
    client.force_login(module_portal.a.editor)
    response = client.post(f"/admin/images/{image.pk}/", _image_form(image, tags="hoi-nghi"))
    assert response.status_code == HTTPStatus.FOUND
    assert list(_image(module_portal).tags.names()) == ["hoi-nghi"]


def test_editor_cannot_change_a_published_image__multiple_upload_form(client, module_portal):
    image = _image(module_portal)
    _article(module_portal, live=True, image=image)
    client.force_login(module_portal.a.editor)
    prefix = f"image-{image.pk}"
    client.post(
        f"/admin/images/multiple/{image.pk}/",
        {
            f"{prefix}-title": "Đổi tên qua tải nhiều ảnh",
            f"{prefix}-description": "",
            f"{prefix}-collection": image.collection_id,
            f"{prefix}-tags": "",
        },
    )
    assert _image(module_portal).title == image.title


def test_image_removed_from_the_draft_but_still_live__stays_locked(client, module_portal):
    image = _image(module_portal)
    article = _article(module_portal, live=True, image=image)
    article.featured_image = None
    article.save_revision(user=module_portal.a.editor)
    client.force_login(module_portal.a.editor)
    _replace_image_file(client, image)
    assert _image(module_portal).file.name == image.file.name


def test_image_only_in_a_draft__may_be_replaced(client, module_portal):
    image = _image(module_portal)
    _article(module_portal, live=False, image=image)
    client.force_login(module_portal.a.editor)
    response = _replace_image_file(client, image)
    assert response.status_code == HTTPStatus.FOUND
    assert _image(module_portal).file.name != image.file.name


def test_unpublishing_frees_the_image(module_portal):
    image = _image(module_portal)
    article = _article(module_portal, live=True, image=image)
    assert LiveReference.objects.filter(page=article, object_id=str(image.pk)).exists()
    type(article).objects.get(pk=article.pk).unpublish()
    assert not LiveReference.objects.filter(page=article).exists()


def test_board_may_replace_a_published_image__and_cached_pages_follow(
    client, module_portal, settings
):
    from govcms.page_cache import content_version

    image = _image(module_portal)
    _article(module_portal, live=True, image=image)
    before = content_version()
    client.force_login(module_portal.board_member)
    response = _replace_image_file(client, image)
    assert response.status_code == HTTPStatus.FOUND
    assert _image(module_portal).file.name != image.file.name
    assert content_version() != before


def test_editor_cannot_replace_a_published_document(client, module_portal):
    document = _document(module_portal)
    _article(module_portal, live=True, document=document)
    client.force_login(module_portal.a.editor)
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": document.title,
            "collection": document.collection_id,
            "tags": "",
            "file": SimpleUploadedFile("moi.pdf", b"%PDF-1.4 moi", content_type="application/pdf"),
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert _document(module_portal).file.name == document.file.name


def test_editor_cannot_move_a_published_document__bulk_add_to_collection(client, module_portal):
    document = _document(module_portal)
    _article(module_portal, live=True, document=document)
    client.force_login(module_portal.a.editor)
    client.post(
        f"/admin/bulk/wagtaildocs/document/add_to_collection/?id={document.pk}",
        {"collection": module_portal.b.document.collection_id},
    )
    assert _document(module_portal).collection_id == document.collection_id


def _download(client, document):
    return client.get(f"/documents/{document.pk}/{document.filename}")


def test_document_of_a_draft__is_not_public(client, module_portal):
    document = _document(module_portal)
    _article(module_portal, live=False, document=document)
    assert _download(client, document).status_code == HTTPStatus.NOT_FOUND
    client.force_login(module_portal.b.editor)
    assert _download(client, document).status_code == HTTPStatus.NOT_FOUND


def test_document_of_a_draft__is_served_to_its_own_unit(client, module_portal):
    document = _document(module_portal)
    client.force_login(module_portal.a.editor)
    response = _download(client, document)
    assert response.status_code == HTTPStatus.OK
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


def test_document_of_a_live_page__is_public(client, module_portal):
    document = _document(module_portal)
    _article(module_portal, live=True, document=document)
    assert _download(client, document).status_code == HTTPStatus.OK


def test_placeholder_jpeg_is_a_real_image():
    # The upload helper above relies on it; a broken placeholder would make every
    # replacement test above pass for the wrong reason (an invalid upload).
    from PIL import Image

    assert Image.open(io.BytesIO(placeholder_jpeg("x"))).format == "JPEG"
