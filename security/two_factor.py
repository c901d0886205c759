"""Who must sign in to the admin with a second factor (TOTP), per the settings."""

from fnmatch import fnmatchcase

from django.conf import settings


def requires_two_factor(user):
    """Superusers (if GOVCMS_TWO_FACTOR_SUPERUSERS) and members of any group whose name
    matches one of GOVCMS_TWO_FACTOR_GROUPS (shell-style patterns, "Người duyệt tin *")."""
    if not user.is_authenticated:
        return False
    if user.is_superuser and settings.GOVCMS_TWO_FACTOR_SUPERUSERS:
        return True
    patterns = settings.GOVCMS_TWO_FACTOR_GROUPS
    if not patterns:
        return False
    return any(
        fnmatchcase(name, pattern)
        for name in user.groups.values_list("name", flat=True)
        for pattern in patterns
    )
