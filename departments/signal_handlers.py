from django.db.models.signals import post_save

from .models import DepartmentPage


def provision_saved_unit(sender, instance, raw=False, **kwargs):
    """Every saved unit page gets (or keeps) its groups, collection and workflow."""
    if raw:
        return
    from .provisioning import provision_unit

    provision_unit(instance)


def register_signal_handlers():
    post_save.connect(
        provision_saved_unit, sender=DepartmentPage, dispatch_uid="provision_saved_unit"
    )
