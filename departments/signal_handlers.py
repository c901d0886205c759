from django.db.models.signals import post_save
from wagtail.models import Revision
from wagtail.signals import page_published, page_unpublished

from . import media
from .models import DepartmentPage
from .provisioning import provision_unit
from .workflows import restart_review_on_new_revision


def provision_saved_unit(sender, instance, raw=False, **kwargs):
    """Every saved unit page gets (or keeps) its groups, collection and workflow."""
    if raw:
        return
    provision_unit(instance)


def restart_review(sender, instance, raw=False, update_fields=None, **kwargs):
    """A revision's content saved while under review sends it back to the reviewers."""
    if raw or (update_fields is not None and "content" not in update_fields):
        return
    restart_review_on_new_revision(instance, user=instance.user)


def record_live_references(sender, instance, **kwargs):
    media.record_live_references(instance)


def forget_live_references(sender, instance, **kwargs):
    media.forget_live_references(instance)


def register_signal_handlers():
    post_save.connect(
        provision_saved_unit, sender=DepartmentPage, dispatch_uid="provision_saved_unit"
    )
    post_save.connect(restart_review, sender=Revision, dispatch_uid="restart_review")
    page_published.connect(record_live_references, dispatch_uid="record_live_references")
    page_unpublished.connect(forget_live_references, dispatch_uid="forget_live_references")
