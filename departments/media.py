"""Images and documents under the publishing rule (DESIGN §5.8).

What the public sees of a medium shown by a live page changes only through approval:
- a unit's people cannot change such a medium (its file, focal point, title, collection);
  they upload a new one and change the page, which goes through approval. Tags stay
  editable: the public never sees them. Deleting media is the board's alone (provisioning);
- a document is served to the public only while a live page links to it; until then only
  the admin users who may use it can download it.

Which media live pages show is recorded at publication (``LiveReference``), since
Wagtail's reference index follows drafts.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from govcms.pages import restricted_paths

from .models import LiveReference, is_board_member

# Fields of a medium the public never sees, which unit staff may still change.
PRIVATE_FIELDS = {"tags"}


def media_models():
    return (get_image_model(), get_document_model())


def _media_content_types():
    return {ContentType.objects.get_for_model(model).pk for model in media_models()}


@transaction.atomic
def record_live_references(page):
    """Remember the media the just-published version of ``page`` shows."""
    media_types = _media_content_types()
    found = {
        (content_type_id, object_id)
        for content_type_id, object_id, _model_path, _content_path in (
            ReferenceIndex._extract_references_from_object(page)
        )
        if content_type_id in media_types
    }
    LiveReference.objects.filter(page_id=page.pk).delete()
    LiveReference.objects.bulk_create(
        LiveReference(page_id=page.pk, content_type_id=content_type_id, object_id=object_id)
        for content_type_id, object_id in found
    )


def forget_live_references(page):
    LiveReference.objects.filter(page_id=page.pk).delete()


def shown_by_live_pages(obj, request=None):
    """Whether a live page shows this image or document to the public, or, with
    ``request``, to this visitor: a page under a view restriction (a password, signing
    in, a group) shows it only to those the restriction lets in."""
    references = LiveReference.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )
    pages = Page.objects.filter(pk__in=references.values("page_id"))
    if request is None or not restricted_paths():
        return pages.exists()
    for page in pages:
        if all(rule.accept_request(request) for rule in page.get_view_restrictions()):
            return True
    return False


def may_change_published_media(user):
    return user.is_superuser or is_board_member(user)


def may_use_in_admin(user, obj):
    """Whether ``user`` may see ``obj`` in the admin (choose, change or delete it)."""
    policy = policy_registry.get_by_type(type(obj))
    return policy.user_has_any_permission_for_instance(user, ["choose", "change", "delete"], obj)


def refusal_to_change(user, obj, changed_fields):
    """The message that refuses ``user``'s change to ``obj``, or None if it may be made."""
    if not obj.pk or not (set(changed_fields) - PRIVATE_FIELDS):
        return None
    if may_change_published_media(user) or not shown_by_live_pages(obj):
        return None
    return _(
        "A published page shows this file, so it cannot be changed here. Upload a new "
        "file and choose it in the page instead; the page then goes to approval."
    )


class PublishedMediaFormMixin:
    """Refuses a unit's change to a medium that live pages show (see module docstring)."""

    def __init__(self, *args, user=None, **kwargs):
        self.editing_user = user
        super().__init__(*args, user=user, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        if self.editing_user is not None:
            message = refusal_to_change(self.editing_user, self.instance, self.changed_data)
            if message:
                self.add_error(None, message)
        return cleaned_data


class UnitImageForm(PublishedMediaFormMixin, BaseImageForm):
    pass


class UnitDocumentForm(PublishedMediaFormMixin, BaseDocumentForm):
    pass
