"""The approval workflow's guarantees: what goes live is the revision that was reviewed.

Imported while Wagtail's own models load (``WAGTAIL_FINISH_WORKFLOW_ACTION``): no model
imports at module level.
"""

REVIEW_RESTARTED = "govcms.review_restarted"


def publish_approved_revision(workflow_state, user=None):
    """Publish the revision the approver reviewed, in the approver's name.

    Wagtail's default action publishes the page's *latest* revision, with the approver's
    own permissions checked (DESIGN §8). Both are wrong here: a newer revision may have
    been made while the page waited (DESIGN §5.7), and unit approvers hold no publish
    permission, so that no direct publishing path is open to them. The approved task
    state pins the revision the approver saw; their right to approve was checked by the
    task before the workflow could finish. The audit log records the publication under
    the approver's name.
    """
    revision = workflow_state.current_task_state.revision
    revision.publish(user=user, skip_permission_checks=True)


def restart_review_on_new_revision(revision, user=None):
    """Send content back to its reviewers when a revision is saved while they review it.

    Whatever made the revision (the edit form, the admin API's revert action, an autosave,
    a script), the task under review is cancelled and started again on the new revision,
    which the reviewers are told about by Wagtail's submission notice. An approval given
    on the earlier task state is refused from then on (``UnitApprovalTask.on_action``).
    Returns the new task state, or None when the content was not under review.
    """
    # Wagtail's models are still loading when this module is imported (see above).
    from wagtail.log_actions import log
    from wagtail.models import TaskState, WorkflowState

    state = (
        WorkflowState.objects.filter(
            base_content_type_id=revision.base_content_type_id,
            object_id=revision.object_id,
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .select_related("current_task_state")
        .first()
    )
    current = state.current_task_state if state else None
    if current is None or current.status != TaskState.STATUS_IN_PROGRESS:
        return None
    if current.revision_id != revision.pk and revision.created_at < current.started_at:
        # An older revision's metadata changed; the content under review did not.
        return None
    current.specific.cancel(user=user, resume=True)
    state.refresh_from_db()
    restarted = state.current_task_state
    # The task starts on the object's latest_revision, which is only updated after this
    # revision is saved.
    restarted.revision = revision
    restarted.save(update_fields=["revision"])
    log(
        instance=state.content_object.specific,
        action=REVIEW_RESTARTED,
        user=user,
        revision=revision,
        data={"task": {"id": restarted.task_id, "title": restarted.task.name}},
    )
    return restarted
