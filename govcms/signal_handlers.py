"""What the core listens to: every change the public pages show moves the page cache's
content version on (govcms/page_cache.py) and bans what shows it in the HTTP cache in
front (govcms/frontend_cache.py); a change of view restrictions drops the restricted-paths
list (govcms/pages.py). docs/caching.md describes them."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from . import frontend_cache
from .page_cache import bump_content_version
from .pages import forget_restricted_paths

UID = "govcms_page_cache_"


def _settings_models():
    """The portal's settings models, whichever app defines them: pages show them."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, BaseSiteSetting | BaseGenericSetting)
    ]


def snippet_changed(sender, **kwargs):
    """A snippet (a legal document's type, field or issuing body) shows on every page that
    names it: both caches drop everything."""
    if sender in get_snippet_models():
        bump_content_version()
        frontend_cache.everything_changed()


def register_signal_handlers():
    page_published.connect(bump_content_version, dispatch_uid=UID + "published")
    page_unpublished.connect(bump_content_version, dispatch_uid=UID + "unpublished")
    post_page_move.connect(bump_content_version, dispatch_uid=UID + "moved")
    post_delete.connect(bump_content_version, sender=Page, dispatch_uid=UID + "deleted")
    # A board member's replaced image or document file shows on every page using it, and
    # cached pages would point at its deleted renditions.
    media = (get_image_model(), get_document_model())
    for model in (Site, PageViewRestriction, *_settings_models(), *media):
        post_save.connect(bump_content_version, sender=model, dispatch_uid=UID + model.__name__)
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid=UID + model.__name__ + "_del"
        )

    # The HTTP cache in front: connected after the page cache, so that its bans, sent on
    # commit, come after the content version moves on and refetch fresh pages.
    page_published.connect(frontend_cache.page_changed, dispatch_uid=UID + "edge_published")
    page_unpublished.connect(frontend_cache.page_changed, dispatch_uid=UID + "edge_unpublished")
    post_page_move.connect(frontend_cache.page_moved, dispatch_uid=UID + "edge_moved")
    # Before the rows go: a deleted branch's pages still find their parents then.
    pre_delete.connect(frontend_cache.page_changed, sender=Page, dispatch_uid=UID + "edge_deleted")
    for model in (Site, PageViewRestriction, *_settings_models(), *media):
        for signal in (post_save, post_delete):
            signal.connect(
                frontend_cache.everything_changed,
                sender=model,
                dispatch_uid=f"{UID}edge_{model.__name__}_{signal is post_save}",
            )

    post_save.connect(snippet_changed, dispatch_uid=UID + "snippet_saved")
    post_delete.connect(snippet_changed, dispatch_uid=UID + "snippet_deleted")

    post_page_move.connect(forget_restricted_paths, dispatch_uid="govcms_restricted_paths_move")
    for signal in (post_save, post_delete):
        signal.connect(
            forget_restricted_paths,
            sender=PageViewRestriction,
            dispatch_uid=f"govcms_restricted_paths_{signal is post_save}",
        )
