from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site

from departments.models import unit_pages
from home.demo.loader import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from tests.helpers import sign_in

UNIT_SHORT_NAMES = {"TTXTDL", "TVT", "BTT", "TTHLTĐ"}


def _snapshot():
    return {
        "pages": sorted(
            Page.objects.values_list("pk", "path", "slug", "live", "latest_revision_id")
        ),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "images": sorted(get_image_model().objects.values_list("pk", "file")),
        "users": sorted(get_user_model().objects.values_list("pk", "username", "password")),
        "sites": sorted(Site.objects.values_list("pk", "root_page_id", "is_default_site")),
    }


def test_load_demo__builds_the_portal_on_an_empty_database(demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(content_type__model="page", depth=2).exists()

    units = unit_pages().live()
    assert set(units.values_list("short_name", flat=True)) == UNIT_SHORT_NAMES
    for unit in units:
        assert NewsIndexPage.objects.live().child_of(unit).count() == 1

    news = NewsPage.objects.live()
    assert news.count() >= 13
    assert all(NewsPage.objects.live().descendant_of(unit).exists() for unit in units)
    months = {(item.date.year, item.date.month) for item in news}
    assert len(months) >= 6


def test_load_demo__seed_article_is_live_in_the_tourism_centre(demo):
    article = NewsPage.objects.live().get(slug__startswith="hoi-nghi-tong-ket-cong-tac-thi-dua")
    assert article.unit.short_name == "TTXTDL"
    assert article.source == "TTXTDL"
    assert article.date.astimezone().strftime("%d/%m/%Y") == "25/11/2021"
    captions = [block.value["caption"] for block in article.body if block.block_type == "image"]
    assert len(captions) == 2
    assert "Nguyễn Đức Nguyên" in captions[0]
    assert "Nguyễn Văn Trọng" in captions[1]


def test_load_demo__second_run_changes_nothing(demo, capsys):
    before = _snapshot()
    call_command("load_demo")
    assert _snapshot() == before
    assert "nothing changed" in capsys.readouterr().out


def test_load_demo__admin_account_can_sign_in(demo, client):
    assert sign_in(client, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)
    assert client.get("/admin/").status_code == HTTPStatus.OK
