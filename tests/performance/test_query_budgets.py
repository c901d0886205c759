"""Public pages cost the same number of queries with 20 or 300 articles, and at most 12."""

import datetime
import random

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from departments.provisioning import ensure_board_group
from home.scale import TOPICS, seed_index
from news.models import NewsTag

from ..factories import DepartmentPageFactory, NewsIndexPageFactory, NewsPageFactory

MAX_QUERIES = 12
UNITS = 4


def build_units(home_page):
    ensure_board_group()
    return [
        NewsIndexPageFactory(
            parent=DepartmentPageFactory(
                parent=home_page, title=f"Đơn vị {number}", short_name=f"DV{number}"
            )
        )
        for number in range(UNITS)
    ]


def add_articles(indexes, first, last):
    start = timezone.make_aware(datetime.datetime(2020, 1, 1, 8))
    for number in range(first, last):
        article = NewsPageFactory(
            parent=indexes[number % UNITS],
            title=f"Tin tức số {number} về hội nghị",
            date=start + datetime.timedelta(hours=7 * number),
        )
        article.tags.add(f"Chủ đề {number % 7}", "Hội nghị")
        article.save()


def add_many_articles(indexes, count):
    """``count`` more live articles, written straight into the tree as seed_scale writes them
    (the factory's full save would spend a minute here)."""
    rng = random.Random(2021)
    tags = {name: NewsTag.objects.get_or_create(name=name)[0] for name in TOPICS}
    for index in indexes:
        seed_index(index, count // UNITS, rng, tags)


def urls(indexes):
    index = indexes[0]
    article = index.get_children().live().first()
    unit = index.get_parent()
    return {
        "home": "/",
        "unit": unit.url,
        "news index": index.url,
        "news index, deep page": index.url + "?page=3",
        "news index, month": index.url + "?year=2020&month=1",
        "topic": index.url + "chu-de/hoi-nghi/",
        "article": article.url,
        "search": "/tim-kiem/?q=hoi+nghi",
        "feed": "/rss/",
        "unit feed": f"/rss/{unit.slug}/",
        "sitemap index": "/sitemap.xml",
        "sitemap": "/sitemap-trang.xml",
    }


def count_queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_budget__same_with_20_and_300_articles_and_at_most_12(client, home_page):
    indexes = build_units(home_page)
    add_articles(indexes, 0, 20)
    pages = urls(indexes)
    with_20 = {name: count_queries(client, url) for name, url in pages.items()}
    add_many_articles(indexes, 300 - 20)
    with_300 = {name: count_queries(client, url) for name, url in pages.items()}
    assert with_300 == with_20
    assert {name: count for name, count in with_300.items() if count > MAX_QUERIES} == {}


def unit_information_urls(unit):
    from questions.models import AnswerPage, QuestionIndexPage
    from schedule.models import ScheduleIndexPage, WeekSchedulePage

    schedule = ScheduleIndexPage.objects.child_of(unit).get()
    questions = QuestionIndexPage.objects.child_of(unit).get()
    return {
        "schedule, this week": schedule.url,
        "schedule, a past week": WeekSchedulePage.objects.child_of(schedule).first().url,
        "schedule feed": schedule.url + "rss/",
        "questions": questions.url,
        "questions, deep page": questions.url + "?page=2",
        "answer": AnswerPage.objects.child_of(questions).live().first().url,
        "ask": questions.url + "gui-cau-hoi/",
        "organisation": unit.url + "co-cau-to-chuc/",
    }


def test_query_budget__schedules_and_questions_same_at_any_size_and_at_most_12(client, home_page):
    from about.models import Division, OrganisationPage
    from home.scale import seed_questions, seed_schedules

    indexes = build_units(home_page)
    unit = indexes[0].get_parent().specific
    unit.add_child(
        instance=OrganisationPage(
            title="Cơ cấu tổ chức",
            leadership="Ban Giám đốc",
            divisions=[Division(name=f"Phòng {number}") for number in range(6)],
        )
    )
    rng = random.Random(2021)
    seed_schedules(3, rng)
    seed_questions(100, rng)
    pages = unit_information_urls(unit)
    small = {name: count_queries(client, url) for name, url in pages.items()}
    seed_schedules(20, rng)
    seed_questions(800, rng)
    large = {name: count_queries(client, url) for name, url in pages.items()}
    assert large == small
    assert {name: count for name, count in large.items() if count > MAX_QUERIES} == {}
