"""Media on S3-compatible object storage (MEDIA_S3_BUCKET): the settings switch the
storage, files go to the bucket, image addresses are signed, and documents still pass
their privacy check in the portal (moto stands in for the object store, in process)."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import override_settings
from moto import mock_aws
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BUCKET = "govcms-media"
S3_ENVIRONMENT = {
    "MEDIA_S3_BUCKET": BUCKET,
    "MEDIA_S3_ENDPOINT_URL": "https://s3.example.vn",
    "MEDIA_S3_REGION": "us-east-1",
    "MEDIA_S3_ACCESS_KEY_ID": "test-key",
    "MEDIA_S3_SECRET_ACCESS_KEY": "test-secret",
    "MEDIA_S3_PREFIX": "media",
}


def storages_with(environment):
    """STORAGES as the settings make them with ``environment`` (a process of its own)."""
    code = "from django.conf import settings; import json; print(json.dumps(settings.STORAGES))"
    output = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=PROJECT_ROOT,
        env={**os.environ, **environment, "DJANGO_SETTINGS_MODULE": "govcms.settings.test"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def s3_storages():
    return storages_with(S3_ENVIRONMENT)


def test_without_a_bucket__media_stay_on_the_disk():
    assert storages_with({})["default"]["BACKEND"].endswith("FileSystemStorage")


def test_a_bucket__switches_media_to_object_storage_kept_private(s3_storages):
    default = s3_storages["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    options = default["OPTIONS"]
    assert options["bucket_name"] == BUCKET
    assert options["endpoint_url"] == "https://s3.example.vn"
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True


@pytest.fixture
def bucket(s3_storages, db):
    options = {**s3_storages["default"]["OPTIONS"], "endpoint_url": None}  # moto's own
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        storages = {**s3_storages, "default": {**s3_storages["default"], "OPTIONS": options}}
        with override_settings(STORAGES=storages):
            yield client


def png():
    data = io.BytesIO()
    PillowImage.new("RGB", (640, 480), (20, 90, 160)).save(data, "PNG")
    return data.getvalue()


def stored_keys(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_images_and_renditions__go_to_the_bucket_with_signed_addresses(bucket):
    image = get_image_model().objects.create(
        title="Lễ hội", file=ImageFile(io.BytesIO(png()), name="le-hoi.png")
    )
    rendition = image.get_rendition("fill-320x240")

    keys = stored_keys(bucket)
    assert f"media/{image.file.name}" in keys
    assert f"media/{rendition.file.name}" in keys
    assert "X-Amz-Signature=" in rendition.url
    assert "X-Amz-Expires=7200" in rendition.url
    assert not (Path(os.environ.get("MEDIA_ROOT", "/nonexistent")) / image.file.name).exists()


def test_documents__are_streamed_by_the_portal_after_their_privacy_check(
    bucket, client, django_user_model
):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    Document = get_document_model()
    public = Document.objects.create(
        title="Kế hoạch", file=ContentFile(b"%PDF-1.4 cong khai", name="ke-hoach.pdf")
    )
    internal = Document.objects.create(
        title="Nội bộ",
        collection=private,
        file=ContentFile(b"%PDF-1.4 noi bo", name="noi-bo.pdf"),
    )
    assert f"media/{internal.file.name}" in stored_keys(bucket)

    # A visitor gets neither: the first is on no live page yet (DESIGN §5.8), the second is
    # for signed-in users; and nothing sends the visitor to the bucket.
    for document in (public, internal):
        refused = client.get(document.url)
        assert refused.status_code in (302, 404)
        assert "amazonaws" not in refused.get("Location", "")

    client.force_login(django_user_model.objects.create_superuser("quantri", "q@example.vn", "x"))
    for document, content in ((public, b"%PDF-1.4 cong khai"), (internal, b"%PDF-1.4 noi bo")):
        served = client.get(document.url)
        assert served.status_code == 200  # streamed by the portal, not a redirect
        assert b"".join(served.streaming_content) == content
