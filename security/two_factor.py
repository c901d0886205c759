"""Who must sign in to the admin with a second factor (TOTP): whoever can make content
public or hand out rights, whatever their groups are called."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_permission_codename, get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from wagtail.models import AbstractGroupApprovalTask, GroupPagePermission
from wagtail.workflows import get_task_types

# Adding or changing users or groups is enough to give oneself any other right.
ACCOUNT_ACTIONS = ("add", "change")
# Wagtail's publish permissions: on pages ("publish_page", through GroupPagePermission)
# and on every model with a draft state (snippets).
PUBLISH_PREFIX = "publish_"


def _account_permissions():
    return Permission.objects.filter(
        Q(
            *(
                Q(
                    content_type__app_label=model._meta.app_label,
                    codename=get_permission_codename(action, model._meta),
                )
                for model in (get_user_model(), Group)
                for action in ACCOUNT_ACTIONS
            ),
            _connector=Q.OR,
        )
    )


def _privileged_groups():
    """Groups whose members publish, approve or administer accounts, as a subquery."""
    # By name, as a string foreign key would: security imports no other app of the portal.
    unit_resources = apps.get_model("departments", "UnitResources")
    approver_tasks = [
        Q(pk__in=task_type.objects.filter(groups__isnull=False).values("groups"))
        for task_type in get_task_types()
        if issubclass(task_type, AbstractGroupApprovalTask)
    ]
    return Group.objects.filter(
        Q(pk__in=unit_resources.objects.filter(approvers__isnull=False).values("approvers"))
        | Q(
            pk__in=GroupPagePermission.objects.filter(
                permission__codename__startswith=PUBLISH_PREFIX
            ).values("group")
        )
        | Q(permissions__codename__startswith=PUBLISH_PREFIX)
        | Q(permissions__in=_account_permissions())
        | Q(name=settings.GOVCMS_BOARD_GROUP)
        | Q(*approver_tasks, _connector=Q.OR)
    ).values("pk")


def requires_two_factor(user):
    """Superusers; approvers of any unit (its records, not its group's name) and members of
    any approval task's groups; the board; anyone who may publish pages (or any other
    content with a draft state); and anyone who may add or change users or groups, through
    a group or directly. One query, none for superusers."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return (
        get_user_model()
        ._default_manager.filter(pk=user.pk)
        .filter(
            Q(groups__in=_privileged_groups())
            | Q(user_permissions__codename__startswith=PUBLISH_PREFIX)
            | Q(user_permissions__in=_account_permissions())
        )
        .exists()
    )
