from wagtail.models import Page, PageLogEntry

from news.models import NewsPage

from ..helpers import edit


def submit(client, page, **overrides):
    """Submit ``page`` for approval through the edit view, as the submit button does."""
    response = edit(client, page, action="submit", **overrides)
    assert response.status_code == 302, response.status_code
    return NewsPage.objects.get(pk=page.pk)


def task_state_of(page):
    return Page.objects.get(pk=page.pk).current_workflow_task_state


def act(client, page, action, comment=""):
    """Approve or reject through the workflow action URL the dashboard and editor use."""
    state = task_state_of(page)
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/", {"comment": comment}
    )


def act_in_editor(client, page, action, comment="", loaded_revision=None):
    """Approve or reject from the page editor's action menu (saving the page as well),
    with the form loaded at ``loaded_revision`` (by default the page's latest)."""
    loaded_revision = loaded_revision or NewsPage.objects.get(pk=page.pk).latest_revision
    return edit(
        client,
        page,
        **{
            "action-workflow-action": "true",
            "workflow-action-name": action,
            "workflow-action-extra-data": f'{{"comment": "{comment}"}}',
            "loaded_revision_id": str(loaded_revision.pk),
            "loaded_revision_created_at": loaded_revision.created_at.isoformat(),
        },
    )


def is_live(page):
    return NewsPage.objects.get(pk=page.pk).live


def published_by(page):
    entry = PageLogEntry.objects.filter(page=page, action="wagtail.publish").order_by("-pk").first()
    return entry.user if entry else None
