"""Keeps each article's listing columns (``news_index``, ``department``, ``listed``) in
step with the page tree.

Every public list of news (a news list, a unit's page, the home page, the feeds, related
news) reads its rows from an index on these columns, so they must always say where the
article is and whether visitors may see it. They change when a page is saved (published,
unpublished, copied, created), when pages are moved, and when a view restriction is added
or removed, and each of those runs one of the functions below. Wagtail sometimes saves a
plain ``Page`` instead of the article (scheduled expiry, moves), so the handlers look at the
page's content type, not at the instance's class.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from govcms.pages import forget_restricted_paths, restricted_paths
from govcms.units import nearest_unit

from .models import NewsIndexPage, NewsPage


def _ancestors(path):
    """The pages above ``path`` (one query), with what placing an article needs."""
    step = Page.steplen
    paths = [path[:end] for end in range(step, len(path), step)]
    return list(Page.objects.filter(path__in=paths).only("pk", "path", "depth", "content_type_id"))


def _is_restricted(path):
    return any(path.startswith(restricted) for restricted in restricted_paths(fresh=True))


def _nearest_unit_id(ancestors):
    unit = nearest_unit(ancestors)
    return unit.pk if unit else None


def place_article(page):
    """Set the listing columns of one article from the tree (two queries)."""
    ancestors = _ancestors(page.path)
    index_type = ContentType.objects.get_for_model(NewsIndexPage).pk
    parent = next((p for p in ancestors if p.depth == page.depth - 1), None)
    NewsPage.objects.filter(pk=page.pk).update(
        news_index_id=parent.pk if parent and parent.content_type_id == index_type else None,
        department_id=_nearest_unit_id(ancestors),
        listed=page.live and not _is_restricted(page.path),
    )


@transaction.atomic
def place_subtree(root):
    """Set the listing columns of every article at or below ``root``."""
    if root.content_type_id == ContentType.objects.get_for_model(NewsPage).pk:
        place_article(root)
        return
    for index in NewsIndexPage.objects.descendant_of(root, inclusive=True):
        NewsPage.objects.child_of(index).update(
            news_index_id=index.pk, department_id=_nearest_unit_id(_ancestors(index.path))
        )
    refresh_listed(NewsPage.objects.descendant_of(root, inclusive=True))


@transaction.atomic
def refresh_listed(articles):
    """Recompute ``listed`` (live and not restricted) for a queryset of articles; others
    see the result all at once."""
    articles.update(listed=False)
    visible = articles.filter(live=True)
    for path in restricted_paths(fresh=True):
        visible = visible.exclude(path__startswith=path)
    visible.update(listed=True)


def _page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not instance.pk:
        return
    if instance.content_type_id == ContentType.objects.get_for_model(NewsPage).pk:
        place_article(instance)


def _page_moved(sender, instance, **kwargs):
    forget_restricted_paths()  # a restricted page may have been moved
    place_subtree(instance)


def _restriction_changed(sender, instance, **kwargs):
    forget_restricted_paths()
    # The restriction's page may be gone already (deleted together with it).
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        refresh_listed(NewsPage.objects.descendant_of(page, inclusive=True))


def register_signal_handlers():
    uid = "govcms_news_placement_"
    for model in (Page, NewsPage):
        post_save.connect(_page_saved, sender=model, dispatch_uid=uid + model.__name__)
    post_page_move.connect(_page_moved, dispatch_uid=uid + "moved")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{uid}restriction_{signal is post_save}",
        )
