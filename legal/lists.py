"""The board's lists (document types, issuing bodies, fields) as the filter forms offer
them, kept in the shared cache: every public list shows them, and they change seldom."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from govcms.page_cache import bump_content_version

from .models import DocumentField, DocumentType, IssuingBody

LISTS_KEY = "legal:lists"
LISTS_SECONDS = 24 * 60 * 60
MODELS = {"document_type": DocumentType, "issuing_body": IssuingBody, "field": DocumentField}


def entries(name):
    """(pk, slug, name) of each entry of list ``name`` (a key of MODELS), in order."""
    lists = cache.get(LISTS_KEY)
    if lists is None:
        lists = {
            key: list(model.objects.values_list("pk", "slug", "name"))
            for key, model in MODELS.items()
        }
        cache.set(LISTS_KEY, lists, LISTS_SECONDS)
    return lists[name]


def forget(**kwargs):
    """A list changed: its names and slugs are on every cached document page."""
    cache.delete(LISTS_KEY)
    bump_content_version()


def register_signal_handlers():
    for model in MODELS.values():
        for signal in (post_save, post_delete):
            signal.connect(forget, sender=model, dispatch_uid=f"legal_lists_{model.__name__}")
