"""The absolute lifetime of a signed-in session.

Every request moves an idle session's end on (SESSION_SAVE_EVERY_REQUEST), and an open
admin tab makes requests by itself; so a session also ends GOVCMS_SESSION_MAX_AGE seconds
after its sign-in, however busy it has been.
"""

import time

from django.conf import settings

SIGNED_IN_AT = "govcms_signed_in_at"


def record_sign_in(sender, request, user, **kwargs):
    """When the session signed in (connected to ``user_logged_in``)."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


def lifetime_is_over(session):
    """Whether ``session`` signed in more than GOVCMS_SESSION_MAX_AGE seconds ago. A session
    from before this rule has no sign-in time: it is given one now."""
    now = int(time.time())
    return now - session.setdefault(SIGNED_IN_AT, now) > settings.GOVCMS_SESSION_MAX_AGE
