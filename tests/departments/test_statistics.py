"""Statistics without trackers: the portal counts each public page's views itself (a
beacon, a Redis counter, a daily flush), and reports articles and views per unit, with
Excel and CSV exports in Vietnamese."""

import csv
import datetime
import io
import uuid

import pytest
import redis
from django.conf import settings as django_settings
from django.utils import timezone
from openpyxl import load_workbook

from editorial import stats
from editorial.models import PageViews
from news.models import NewsPage

from ..factories import NewsPageFactory

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def counter(settings):
    """A Redis key space of this test's own."""
    settings.GOVCMS_VIEWS_KEY = f"test-{uuid.uuid4().hex}:views:{{day}}"
    client = redis.Redis.from_url(django_settings.GOVCMS_VIEWS_REDIS_URL)
    yield client
    for key in client.scan_iter(match=settings.GOVCMS_VIEWS_KEY.format(day="*")):
        client.delete(key)


def hit(client, page, agent=BROWSER, **headers):
    return client.post(f"/_luot-xem/{page.pk}/", HTTP_USER_AGENT=agent, **headers)


def test_a_view_is_counted_without_cookie_or_personal_data(client, portal, counter):
    article = portal.a.live_article
    response = hit(client, article)
    assert response.status_code == 204
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    hit(client, article)
    key = stats.day_key(TODAY.isoformat())
    assert counter.hgetall(key) == {str(article.pk).encode(): b"2"}  # nothing else is kept
    assert client.get(f"/_luot-xem/{article.pk}/").status_code == 405


@pytest.mark.parametrize(
    "agent, headers",
    [
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", {}),
        ("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0", {}),
        ("python-requests/2.32", {}),
        ("", {}),
        (BROWSER, {"HTTP_SEC_PURPOSE": "prefetch"}),
    ],
)
def test_robots_and_prefetches_are_not_counted(client, portal, counter, agent, headers):
    hit(client, portal.a.live_article, agent=agent, **headers)
    assert counter.hgetall(stats.day_key(TODAY.isoformat())) == {}


def test_every_public_page_names_its_beacon_even_when_served_from_the_cache(
    client, portal, settings
):
    settings.GOVCMS_PAGE_CACHE_SECONDS = 600
    article = portal.a.live_article
    for _ in range(2):  # the second answer comes from the page cache
        page = client.get(article.url).content.decode()
        assert f'data-view-beacon="/_luot-xem/{article.pk}/"' in page
    preview = client.get(f"/admin/pages/{article.pk}/view_draft/")
    assert "data-view-beacon" not in preview.content.decode()


def test_the_daily_flush_writes_each_finished_day_once(portal, counter):
    article, other = portal.a.live_article, portal.b.live_article
    counter.hset(stats.day_key(YESTERDAY.isoformat()), mapping={article.pk: 7, other.pk: 2})
    counter.hset(stats.day_key(YESTERDAY.isoformat()), 999_999, 5)  # a page since deleted
    counter.hset(stats.day_key(TODAY.isoformat()), article.pk, 3)  # still counting

    assert stats.flush_views(counter) == 2
    assert {(v.page_id, v.day, v.views) for v in PageViews.objects.all()} == {
        (article.pk, YESTERDAY, 7),
        (other.pk, YESTERDAY, 2),
    }
    assert not counter.exists(stats.day_key(YESTERDAY.isoformat()))
    assert counter.hget(stats.day_key(TODAY.isoformat()), article.pk) == b"3"

    # A flush repeated (the worker retried after a failure) replaces, never adds.
    counter.hset(stats.day_key(YESTERDAY.isoformat()), article.pk, 7)
    stats.flush_views(counter)
    assert PageViews.objects.get(page=article, day=YESTERDAY).views == 7


@pytest.fixture
def figures(portal):
    """Two of A's articles and one of B's, published this month, with views."""
    a1, a2 = portal.a.live_article, NewsPageFactory(parent=portal.a.index, title="Tin A thứ hai")
    a2.save_revision().publish()
    NewsPage.objects.filter(pk__in=[a1.pk, a2.pk]).update(author="Nguyễn Văn An")
    b1 = portal.b.live_article
    for page, views in ((a1, 40), (a2, 15), (b1, 90)):
        PageViews.objects.create(page=page, day=TODAY, views=views)
    NewsPage.objects.filter(pk__in=[a1.pk, a2.pk, b1.pk]).update(first_published_at=timezone.now())
    return a1, a2, b1


def report(client, **query):
    period = {"start": TODAY.replace(day=1).strftime("%d/%m/%Y"), "end": TODAY.strftime("%d/%m/%Y")}
    return client.get("/admin/editorial/statistics/", {**period, **query})


def test_a_units_staff_see_their_units_figures_only(client, portal, figures):
    a1, a2, b1 = figures
    client.force_login(portal.a.editor)
    page = report(client, unit=portal.a.page.pk).content.decode()
    assert "Nguyễn Văn An" in page and a1.title in page and a2.title in page
    assert b1.title not in page
    assert ">55<" in page  # the author's views: 40 + 15
    refused = report(client, unit=portal.b.page.pk).content.decode()
    assert b1.title not in refused and "Hãy chọn một lựa chọn hợp lệ" in refused
    assert portal.b.page.title not in refused.split('name="unit"')[1].split("</select>")[0]
    assert report(client, unit="", export="xlsx")["Content-Type"].startswith("text/html")


def test_the_board_sees_the_portal_and_the_most_read_first(client, portal, figures):
    a1, a2, b1 = figures
    client.force_login(portal.board_member)
    page = report(client, unit="").content.decode()
    most_read = page.split('data-table="views"')[1]
    assert most_read.index(b1.title) < most_read.index(a1.title) < most_read.index(a2.title)


def test_the_exports_have_vietnamese_headings_and_the_same_figures(client, portal, figures):
    a1, a2, _b1 = figures
    client.force_login(portal.a.approver)
    response = report(client, unit=portal.a.page.pk, export="xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Theo tháng", "Theo tác giả", "Lượt xem từng bài"]
    authors = workbook["Theo tác giả"]
    assert [cell.value for cell in authors[4]] == ["Tác giả", "Số bài đã xuất bản", "Lượt xem"]
    assert [cell.value for cell in authors[5]] == ["Nguyễn Văn An", 2, 55]

    response = report(client, unit=portal.a.page.pk, export="csv", table="views")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["Mã trang", "Tiêu đề", "Tác giả", "Ngày xuất bản", "Lượt xem"]
    assert [row[1] for row in rows[1:]] == [a1.title, a2.title]


def test_a_bad_period_gets_a_vietnamese_message(client, portal):
    client.force_login(portal.a.editor)
    page = report(client, unit=portal.a.page.pk, start="31/12/2026", end="01/01/2026")
    assert "Ngày kết thúc đứng trước ngày bắt đầu" in page.content.decode()
    page = report(client, unit=portal.a.page.pk, start="hôm qua")
    assert "ngày/tháng/năm" in page.content.decode()
