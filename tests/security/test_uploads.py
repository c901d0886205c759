"""Uploads: only real raster images within limits, and documents a browser never runs.

Every upload goes through the admin view an editor uses: the one-file form and the
multiple-upload endpoint the drag-and-drop uploader posts to.
"""

import html
import io
import re
import struct
import zlib
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

from departments.models import DepartmentPage

from ..factories import DepartmentPageFactory
from ..helpers import make_home_page, rolled_back

IMAGE_VIEWS = ["/admin/images/add/", "/admin/images/multiple/add/"]
DOCUMENT_VIEWS = ["/admin/documents/add/", "/admin/documents/multiple/add/"]

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML_PAGE = b'<!DOCTYPE html><meta charset="utf-8"><script>alert(document.cookie)</script>'
# Well-formed markup: Willow takes anything that parses as XML for an SVG.
XHTML_PAGE = b"<html><body><script>alert(document.cookie)</script></body></html>"

UNSUPPORTED_IMAGE = (
    "Định dạng hình ảnh không được hỗ trợ. "
    "Các định dạng được hỗ trợ: AVIF, GIF, JPG, JPEG, PNG, WEBP."
)
NOT_AN_IMAGE = (
    "Hãy tải lên một hình ảnh hợp lệ. "
    "Tập tin mà bạn đã tải không phải là hình ảnh hoặc đã bị hư hỏng."
)


def mismatch(extension, actual):
    return (
        f"Không phải hình ảnh .{extension} hợp lệ. "
        f"Phần mở rộng không khớp với định dạng tệp ({actual})"
    )


def picture(image_format, size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def blank_bilevel_png(width, height):
    """A real black-and-white PNG of any dimensions, a few kilobytes even for millions of
    pixels, written row by row so that the test itself never holds the pixels in memory."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\0" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {path.relative_to(root) for path in root.rglob("*") if path.is_file()}


def shown_error(response):
    """What the editor reads after an upload: None when it went through, else the error
    text, from the page of the one-file form or the JSON of the multiple uploader."""
    if response["Content-Type"].startswith("application/json"):
        assert response.status_code == HTTPStatus.OK
        data = response.json()
        return None if data["success"] else " ".join(data["error_message"].split())
    if response.status_code == HTTPStatus.FOUND:
        return None
    assert response.status_code == HTTPStatus.OK
    messages = re.findall(r'<p class="error-message">(.*?)</p>', response.content.decode(), re.S)
    assert messages, "the form came back without an error message"
    return " ".join(html.unescape(" ".join(messages)).split())


def upload(client, view, filename, content, collection):
    file = SimpleUploadedFile(filename, content)
    if "/multiple/" in view:
        data = {"files[]": file, "collection": collection.pk}
    else:
        data = {"title": "Tệp thử", "file": file, "collection": collection.pk}
    return shown_error(client.post(view, data))


@pytest.fixture(scope="module")
def module_unit(django_db_setup, django_db_blocker):
    """A provisioned unit and one of its editors, built once for the module."""
    with rolled_back(django_db_blocker):
        unit = DepartmentPageFactory(
            parent=make_home_page(), title="Bảo tàng tỉnh", short_name="BTT"
        )
        user = get_user_model().objects.create_user("bientap_btt", password="mat-khau-thu")
        user.groups.add(unit.resources.editors)
        yield unit, user


@pytest.fixture
def unit(module_unit, db):
    return DepartmentPage.objects.get(pk=module_unit[0].pk)


@pytest.fixture
def collection(unit):
    return unit.resources.collection


@pytest.fixture
def editor(client, module_unit, db):
    """An editor of the unit, with only what the unit's provisioned group grants."""
    user = get_user_model().objects.get(pk=module_unit[1].pk)
    client.force_login(user)
    return user


@pytest.fixture
def nothing_saved(collection):
    """Fails the test if a refused upload left an object, a pending upload or a file."""
    Image, Document = get_image_model(), get_document_model()
    counts = (Image.objects.count(), Document.objects.count(), UploadedFile.objects.count())
    files = media_files()
    yield
    assert (
        Image.objects.count(),
        Document.objects.count(),
        UploadedFile.objects.count(),
    ) == counts
    assert media_files() == files


# Images


@pytest.mark.parametrize("view", IMAGE_VIEWS)
@pytest.mark.parametrize("image_format", ["AVIF", "GIF", "JPEG", "PNG", "WEBP"])
def test_image_upload__accepts_each_allowed_format(client, editor, collection, view, image_format):
    extension = "jpg" if image_format == "JPEG" else image_format.lower()
    filename = f"anh-hop-le.{extension}"

    assert upload(client, view, filename, picture(image_format), collection) is None

    image = get_image_model().objects.get(collection=collection, file__contains="anh-hop-le")
    assert image.file.name.endswith(f".{extension}")
    assert (image.width, image.height) == (40, 30)


@pytest.mark.parametrize("view", IMAGE_VIEWS)
def test_image_upload__refuses_svg_with_script(client, editor, collection, nothing_saved, view):
    assert upload(client, view, "bieu-do.svg", SVG_WITH_SCRIPT, collection) == UNSUPPORTED_IMAGE


@pytest.mark.parametrize("view", IMAGE_VIEWS)
def test_image_upload__refuses_svg_named_png(client, editor, collection, nothing_saved, view):
    error = upload(client, view, "bieu-do.png", SVG_WITH_SCRIPT, collection)
    assert error == mismatch("png", "svg")


@pytest.mark.parametrize("view", IMAGE_VIEWS)
@pytest.mark.parametrize(
    ("page", "expected"),
    [(HTML_PAGE, NOT_AN_IMAGE), (XHTML_PAGE, mismatch("png", "svg"))],
    ids=["html", "xhtml"],
)
def test_image_upload__refuses_html_named_png(
    client, editor, collection, nothing_saved, view, page, expected
):
    assert upload(client, view, "anh.png", page, collection) == expected


@pytest.mark.parametrize("view", IMAGE_VIEWS)
@pytest.mark.parametrize(
    ("filename", "image_format", "actual"),
    [("anh.png", "GIF", "gif"), ("anh.jpg", "PNG", "png"), ("anh.webp", "JPEG", "jpeg")],
)
def test_image_upload__refuses_extension_that_does_not_match_content(
    client, editor, collection, nothing_saved, view, filename, image_format, actual
):
    # Even between allowed formats: the stored name's extension decides the type a web
    # server announces for the original file, so it has to tell the truth.
    extension = filename.rsplit(".", 1)[1].replace("jpg", "jpeg")
    error = upload(client, view, filename, picture(image_format), collection)
    assert error == mismatch(extension, actual)


@pytest.mark.parametrize("view", IMAGE_VIEWS)
def test_image_upload__refuses_file_over_10_mb(client, editor, collection, nothing_saved, view):
    content = picture("PNG") + b"\0" * (11 * 1024 * 1024)

    error = upload(client, view, "anh-lon.png", content, collection)

    assert error == "Tệp này quá lớn (11,0 MB). Kích thước tệp tối đa 10,0 MB."


@pytest.mark.parametrize("view", IMAGE_VIEWS)
def test_image_upload__refuses_more_than_40_million_pixels(
    client, editor, collection, nothing_saved, view
):
    content = blank_bilevel_png(8000, 6000)
    assert len(content) < 100 * 1024

    error = upload(client, view, "anh-rong.png", content, collection)

    assert error == "Tệp này có quá nhiều điểm ảnh (48000000). Số điểm ảnh tối đa: 40000000."


@pytest.mark.parametrize("view", IMAGE_VIEWS)
def test_image_upload__refuses_decompression_bomb(client, editor, collection, nothing_saved, view):
    # Past twice Pillow's own limit, Pillow refuses to open the file at all.
    content = blank_bilevel_png(20000, 20000)

    error = upload(client, view, "bom.png", content, collection)

    assert error == (
        "Tệp này có quá nhiều điểm ảnh (không rõ số lượng). Số điểm ảnh tối đa: 40000000."
    )


def test_image_upload__accepts_picture_just_under_pixel_limit(client, editor, collection):
    content = blank_bilevel_png(6000, 6000)

    assert upload(client, IMAGE_VIEWS[0], "anh-36mp.png", content, collection) is None

    image = get_image_model().objects.get(collection=collection, file__contains="anh-36mp")
    assert (image.width, image.height) == (6000, 6000)


# Documents


@pytest.mark.parametrize("view", DOCUMENT_VIEWS)
@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("trang.html", HTML_PAGE),
        ("trang.htm", HTML_PAGE),
        ("TRANG.HTML", HTML_PAGE),
        ("bieu-do.svg", SVG_WITH_SCRIPT),
        ("ma.js", b"alert(document.cookie)"),
        ("du-lieu.xml", b'<?xml version="1.0"?><a/>'),
    ],
    ids=["html", "htm", "upper-case", "svg", "js", "xml"],
)
def test_document_upload__refuses_types_a_browser_runs(
    client, editor, collection, nothing_saved, view, filename, content
):
    extension = filename.rsplit(".", 1)[1].lower()

    error = upload(client, view, filename, content, collection)

    assert error == (
        f"Phần mở rộng tệp “{extension}” không được phép. Các phần mở rộng được phép là: "
        + ", ".join(settings.WAGTAILDOCS_EXTENSIONS)
        + "."
    )


def uploaded_document(client, filename, content, collection):
    assert upload(client, DOCUMENT_VIEWS[1], filename, content, collection) is None
    return get_document_model().objects.filter(collection=collection).latest("pk")


def download(client, document):
    """A visitor's download of ``document``, once a live page links to it (as publishing
    such a page records): drafts' documents are not public (tests/departments)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from departments.models import LiveReference

    LiveReference.objects.create(
        page=Page.get_first_root_node(),
        content_type=ContentType.objects.get_for_model(document),
        object_id=str(document.pk),
    )
    client.logout()
    url = f"/documents/{document.pk}/{document.filename}"
    assert document.url == url
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return response


@pytest.mark.parametrize(
    ("filename", "content", "content_type"),
    [
        (
            "quyet-dinh.docx",
            b"PK\x03\x04 noi dung",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("thong-bao.txt", "Thông báo lịch tiếp công dân.".encode(), "text/plain"),
        ("danh-sach.csv", "STT,Họ tên\n1,Nguyễn Văn A\n".encode(), "text/csv"),
        ("bieu-mau.zip", b"PK\x05\x06" + b"\0" * 18, "application/zip"),
    ],
    ids=["docx", "txt", "csv", "zip"],
)
def test_document_serve__downloads_as_attachment(
    client, editor, collection, filename, content, content_type
):
    document = uploaded_document(client, filename, content, collection)

    response = download(client, document)

    assert response["Content-Disposition"] == f'attachment; filename="{document.filename}"'
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == content


def test_document_serve__html_disguised_as_text_is_not_rendered(client, editor, collection):
    document = uploaded_document(client, "thong-bao.txt", HTML_PAGE, collection)

    response = download(client, document)

    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "text/plain"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_document_serve__pdf_opens_in_browser_without_running_anything(client, editor, collection):
    document = uploaded_document(client, "ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n", collection)

    response = download(client, document)

    assert response["Content-Disposition"] == f'inline; filename="{document.filename}"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
