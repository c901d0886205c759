"""What the page editor promises an editor (docs/publishing.md, "Editing"): nothing typed
is lost, and nobody's newer version is overwritten without the editor knowing.

The browser half is ``static/govcms/admin/keep-edits.js``; this is the server's half.
"""

from wagtail.models import Page, Revision

# Put into the edit view's POST data by ``refuse_save``; the page form then refuses the
# save (govcms/forms.py). The preview runs the same form on the same data, and is not
# refused. A request that sends it itself only refuses its own save.
REFUSED_SAVE = "govcms_refused"

# Set by the editor's script once the editor has confirmed Wagtail's "a newer version was
# saved" dialog: the overwrite is then a choice, not an accident.
OVERWRITE_CONFIRMED = "overwrite_newer"


def newer_revision(page, data, user):
    """The page's latest revision when the submitted form ``data`` was loaded from an
    older one, because someone other than ``user`` saved since; None otherwise.

    The editor's own newer revision is not a conflict: it is most often their autosave,
    still in flight when they pressed save.

    The form says what it was loaded from as Wagtail's autosave does: the revision it
    autosaved into (``overwrite_revision_id``), or else the revision it was opened at and
    that revision's time (``loaded_revision_id``, ``loaded_revision_created_at``; the time
    changes when an autosave rewrites the revision).
    """
    if not page.pk:
        return None
    latest = (
        Revision.objects.select_related("user")
        .filter(pk=Page.objects.filter(pk=page.pk).values("latest_revision")[:1])
        .first()
    )
    if latest is None or latest.user_id == user.pk:
        return None
    if own := data.get("overwrite_revision_id"):
        behind = own != str(latest.pk)
    elif loaded := data.get("loaded_revision_id"):
        behind = loaded != str(latest.pk) or (
            data.get("loaded_revision_created_at", "") != latest.created_at.isoformat()
        )
    else:
        return None
    return latest if behind else None


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
    request.POST = data
