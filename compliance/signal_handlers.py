"""Forgets the compliance panels drawn so far (compliance/wagtail_hooks.py) when anything
they read changes: a page (saved, published, unpublished, deleted), a citizen's question
or a review plan."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page

from editorial.models import PageReview
from govcms.page_cache import advance, counter
from questions.models import Question

GENERATION_KEY = "compliance:generation"
UID = "compliance_panels_"


def generation():
    return counter(cache, GENERATION_KEY)


def _advance():
    advance(cache, GENERATION_KEY)


def forget_panels(**kwargs):
    """Now, and again once the change is committed: until then other requests still read
    the old rows, and may keep a panel drawn from them under this generation."""
    _advance()
    transaction.on_commit(_advance)


def _page_changed(sender, **kwargs):
    if issubclass(sender, Page):
        forget_panels()


def register_signal_handlers():
    post_save.connect(_page_changed, dispatch_uid=UID + "page_saved")
    post_delete.connect(_page_changed, dispatch_uid=UID + "page_deleted")
    for model in (Question, PageReview):
        post_save.connect(forget_panels, sender=model, dispatch_uid=UID + model.__name__)
        post_delete.connect(
            forget_panels, sender=model, dispatch_uid=UID + model.__name__ + "_deleted"
        )
