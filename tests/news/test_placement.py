"""Every list reads an article's listing columns; they follow the tree whatever changes it."""

import datetime

from django.core.management import call_command
from django.utils import timezone
from wagtail.actions.move_page import MovePageAction
from wagtail.models import Page

from news.models import NewsPage
from tests.factories import DepartmentPageFactory, NewsIndexPageFactory, NewsPageFactory


def columns(page):
    return NewsPage.objects.filter(pk=page.pk).values_list(
        "news_index_id", "department_id", "listed"
    )[0]


def test_a_new_live_article__is_listed_under_its_list_and_unit(unit_news_index):
    article = NewsPageFactory(parent=unit_news_index)
    unit = unit_news_index.get_parent()
    assert columns(article) == (unit_news_index.pk, unit.pk, True)


def test_a_draft__is_not_listed_until_published(client, unit_news_index):
    article = NewsPageFactory(parent=unit_news_index, live=False, title="Tin nháp chưa duyệt")
    assert columns(article)[2] is False
    assert "Tin nháp chưa duyệt" not in client.get(unit_news_index.url).content.decode()

    article.save_revision().publish()
    assert columns(article)[2] is True
    assert "Tin nháp chưa duyệt" in client.get(unit_news_index.url).content.decode()


def test_unpublishing__takes_the_article_off_every_list(client, unit_news_index):
    article = NewsPageFactory(parent=unit_news_index, title="Tin sẽ bị gỡ")
    unit = unit_news_index.get_parent()
    article.unpublish()
    assert columns(article)[2] is False
    for url in ("/", unit.url, unit_news_index.url, "/rss/"):
        assert "Tin sẽ bị gỡ" not in client.get(url).content.decode(), url


def test_scheduled_expiry__unlists_the_article(client, unit_news_index):
    # publish_scheduled saves a plain Page, not the NewsPage.
    article = NewsPageFactory(parent=unit_news_index, title="Tin hết hạn")
    Page.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    assert columns(article)[2] is False
    assert "Tin hết hạn" not in client.get(unit_news_index.url).content.decode()


def test_moving_an_article__to_another_list_of_its_unit(client, unit_news_index):
    unit = unit_news_index.get_parent()
    other_index = NewsIndexPageFactory(parent=unit, title="Thông báo")
    article = NewsPageFactory(parent=unit_news_index, title="Tin chuyển mục")

    MovePageAction(article, other_index, pos="last-child").execute()

    assert columns(article) == (other_index.pk, unit.pk, True)
    assert "Tin chuyển mục" in client.get(other_index.url).content.decode()
    assert "Tin chuyển mục" not in client.get(unit_news_index.url).content.decode()


def test_moving_a_news_list__to_another_unit_moves_its_articles(unit_news_index, home_page):
    other_unit = DepartmentPageFactory(parent=home_page, title="Thư viện tỉnh", short_name="TVT")
    articles = [NewsPageFactory(parent=unit_news_index) for _ in range(3)]

    MovePageAction(unit_news_index, other_unit, pos="last-child").execute()

    assert [columns(a) for a in articles] == [(unit_news_index.pk, other_unit.pk, True)] * 3


def test_a_copied_article__is_listed_under_the_list_it_was_copied_to(unit_news_index):
    unit = unit_news_index.get_parent()
    other_index = NewsIndexPageFactory(parent=unit, title="Thông báo")
    article = NewsPageFactory(parent=unit_news_index)

    copy = article.copy(to=other_index, update_attrs={"slug": "ban-sao"}, keep_live=False)

    assert columns(copy) == (other_index.pk, unit.pk, False)
    assert columns(article) == (unit_news_index.pk, unit.pk, True)
