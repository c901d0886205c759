"""What the portal tells the HTTP cache in front (govcms/frontend_cache.py), in process:
which responses it may keep and what they show, and which bans each change sends. The
real Varnish runs in tests/operations/test_cluster.py."""

import logging

import pytest
from django.test import override_settings
from wagtail.models import Page

from departments.models import unit_pages
from govcms import frontend_cache
from news.models import NewsIndexPage, NewsPage

BANS = []


class RecordingBackend(frontend_cache.VarnishBackend):
    """A cache that notes the bans it is sent."""

    def ban(self, pattern):
        BANS.append(pattern)


class UnreachableBackend(frontend_cache.VarnishBackend):
    def ban(self, pattern):
        raise ConnectionRefusedError("the cache is down")


def cache_settings(backend=RecordingBackend):
    return override_settings(
        WAGTAILFRONTENDCACHE={
            "edge": {"BACKEND": f"{__name__}.{backend.__name__}", "LOCATION": "http://edge"}
        }
    )


@pytest.fixture
def edge():
    BANS.clear()
    with cache_settings():
        yield BANS


@pytest.fixture
def library(demo):
    unit = unit_pages().get(short_name="TVT")
    index = NewsIndexPage.objects.child_of(unit).get()
    article = NewsPage.objects.live().child_of(index).order_by("-date").first()
    return unit, index, article


def tags_of(response):
    return set(response["X-Cache-Tags"].split(","))


def test_an_anonymous_page__says_how_long_it_may_be_kept_and_what_it_shows(
    client, library, edge, settings
):
    unit, index, article = library
    response = client.get(article.url)

    assert response["Surrogate-Control"] == f"max-age={settings.GOVCMS_FRONTEND_CACHE_SECONDS}"
    home = unit.get_parent()
    assert tags_of(response) == {
        f"page-{article.pk}",
        *(f"tree-{pk}" for pk in (home.get_parent().pk, home.pk, unit.pk, index.pk, article.pk)),
        "latest-news",  # the portal's newest news beside every article
    }
    # A list's deeper pages and topics are the list's page.
    assert f"page-{index.pk}" in tags_of(client.get(index.url + "?page=2"))
    # What is not one page (the feeds) is a list of everything.
    assert tags_of(client.get("/rss/")) == {"lists"}


def test_what_is_not_for_everyone__is_not_marked_for_the_cache(
    client, library, edge, django_user_model
):
    _unit, _index, article = library
    assert "Surrogate-Control" not in client.get(article.url + "?utm_source=x")
    client.force_login(django_user_model.objects.get(username="admin"))
    signed_in = client.get(article.url)
    assert signed_in.status_code == 200
    assert "Surrogate-Control" not in signed_in
    assert "X-Cache-Tags" not in signed_in


def test_without_a_cache_in_front__no_marks(client, library):
    _unit, _index, article = library
    response = client.get(article.url)
    assert "Surrogate-Control" not in response
    assert "X-Cache-Tags" not in response


def test_publishing_an_article__bans_its_list_branch_and_each_page_above(
    library, edge, django_capture_on_commit_callbacks
):
    unit, index, article = library
    home = unit.get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert edge == [frontend_cache.pattern(frontend_cache.page_tags(article))]
    assert frontend_cache.page_tags(article) == {
        "lists",
        "latest-news",
        f"tree-{index.pk}",
        *(f"page-{pk}" for pk in (home.get_parent().pk, home.pk, unit.pk, index.pk)),
    }
    # ...which leaves other units' pages in the cache.
    banned = set(edge[0].removeprefix("(^|,)(").removesuffix(")(,|$)").split("|"))
    assert f"tree-{home.get_parent().pk}" not in banned
    assert f"tree-{home.pk}" not in banned


def test_a_unit_page__is_in_every_page_header_so_its_change_bans_everything(library, edge):
    unit, _index, _article = library
    assert frontend_cache.page_tags(unit) == {"lists", frontend_cache.EVERYTHING}
    assert frontend_cache.pattern(frontend_cache.page_tags(unit)) == "."


def test_a_translated_page__bans_its_translations_too(demo, edge):
    translated = Page.objects.filter(locale__language_code="en", depth__gt=2).first()
    original = Page.objects.get(
        translation_key=translated.translation_key, locale__language_code="vi"
    )
    tags = frontend_cache.page_tags(original)
    assert frontend_cache.branch_tags(translated.path[: -Page.steplen]) <= tags


def test_a_whole_branch_deleted__is_one_ban_of_that_unit(
    library, edge, django_capture_on_commit_callbacks
):
    unit, index, _article = library
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=index.pk).delete()
    # The unit's branch and the lists above; the list's own tags, as its articles' parent.
    tags = frontend_cache.page_tags(index) | {f"tree-{index.pk}", f"page-{index.pk}"}
    tags.add("latest-news")  # its articles were beside every article
    assert edge == [frontend_cache.pattern(tags)]
    assert edge != ["."]  # the rest of the portal stays cached


def test_a_cache_that_does_not_answer__never_stops_publishing(
    library, caplog, django_capture_on_commit_callbacks
):
    _unit, _index, article = library
    caplog.set_level(logging.WARNING)
    with cache_settings(UnreachableBackend), django_capture_on_commit_callbacks(execute=True):
        article.title = "Tin mới khi bộ đệm không trả lời"
        article.save_revision().publish()
    assert NewsPage.objects.get(pk=article.pk).title == "Tin mới khi bộ đệm không trả lời"
    # The worker is asked to try again (the test's tasks run at once, and fail again).
    assert "did not take a ban" in caplog.text


def test_a_snippet_a_page_names__bans_everything(demo, edge, django_capture_on_commit_callbacks):
    from govcms.page_cache import content_version
    from legal.models import DocumentType

    version = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        kind = DocumentType.objects.first()
        kind.name = kind.name + " (sửa)"
        kind.save()
    assert edge == ["."]
    assert content_version() > version


def test_behind_the_cache_without_trusted_proxies__the_deploy_check_warns(settings):
    settings.GOVCMS_TRUSTED_PROXY_COUNT = 0
    with cache_settings():
        assert [w.id for w in frontend_cache.check_proxies(None)] == ["govcms.W002"]
        settings.GOVCMS_TRUSTED_PROXY_COUNT = 2
        assert frontend_cache.check_proxies(None) == []


def test_a_ban_not_taken__is_queued_for_the_worker_a_few_seconds_later(
    library, settings, django_capture_on_commit_callbacks
):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _unit, _index, article = library
    with cache_settings(UnreachableBackend), django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    queued = DBTaskResult.objects.filter(task_path="govcms.tasks.ban_frontend_cache")
    # The second ban of every change, and the retry of the one the cache did not take.
    assert sorted(task.args_kwargs["kwargs"].get("attempt", 1) for task in queued) == [1, 2]
    for task in queued:
        seconds = (task.run_after - timezone.now()).total_seconds()
        assert 0 < seconds <= 5
