"""What the page editor promises an editor (docs/publishing.md, "Editing"): nothing typed
is lost, and nobody's newer version is overwritten without the editor knowing.

The browser half is ``static/govcms/admin/keep-edits.js``; this is the server's half.
"""

import datetime

from wagtail.models import Revision

# Put into the edit view's POST data by ``refuse_save``; the page form then refuses the
# save (govcms/forms.py). The preview runs the same form on the same data, and is not
# refused. A request that sends it itself only refuses its own save.
REFUSED_SAVE = "govcms_refused"

# Set by the editor's script once the editor has confirmed Wagtail's "a newer version was
# saved" dialog: the overwrite is then a choice, not an accident.
OVERWRITE_CONFIRMED = "overwrite_newer"


def _loaded_at(page, data):
    """When the form's content was last in step with the page: the time of the revision it
    autosaved into (``overwrite_revision_id``, Wagtail rewrites that revision and its
    time), or else of the revision it was opened at (``loaded_revision_created_at``)."""
    if own := data.get("overwrite_revision_id"):
        if not own.isdigit():
            return None
        return (
            Revision.page_revisions.filter(pk=own, object_id=str(page.pk))
            .values_list("created_at", flat=True)
            .first()
        )
    try:
        return datetime.datetime.fromisoformat(data.get("loaded_revision_created_at", ""))
    except ValueError:
        return None


def newer_revision(page, data, user):
    """The newest revision someone other than ``user`` saved since the submitted form
    ``data`` was loaded, or None.

    The editor's own newer revisions do not count (most often their autosave, still in
    flight when they pressed save), but they do not hide a colleague's saved in between.
    """
    if not page.pk:
        return None
    loaded_at = _loaded_at(page, data)
    if loaded_at is None:
        return None
    return (
        Revision.page_revisions.filter(object_id=str(page.pk), created_at__gt=loaded_at)
        .exclude(user=user)
        .select_related("user")
        .order_by("-created_at", "-pk")
        .first()
    )


def refused_overwrite(page, data, user):
    """The colleague's newer revision a save of ``data`` by ``user`` would overwrite
    unknowingly, or None."""
    if data.get(OVERWRITE_CONFIRMED) == "1":
        return None
    return newer_revision(page, data, user)


def refuse_save(request):
    """Called from a ``before_edit_page`` hook, after a message saying why: the edit view
    then answers with the form as it was sent, errors shown, so nothing typed is lost
    (where a redirect would drop it)."""
    data = request.POST.copy()
    data[REFUSED_SAVE] = "1"
    # Wagtail cancels a workflow from an invalid form too; a refused save does nothing.
    data.pop("action-cancel-workflow", None)
    request.POST = data
