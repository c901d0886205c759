"""Request-level protections: NUL characters, the Content-Security-Policy, the absolute
lifetime of a session, and the second sign-in factor for the admin."""

from functools import cache
from urllib.parse import urlencode

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from .sessions import lifetime_is_over
from .two_factor import requires_two_factor

ADMIN_PREFIX = "/admin/"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _contains_nul(request):
    if "\x00" in request.path:
        return True
    parameters = [request.GET]
    if request.method == "POST" and request.content_type in FORM_TYPES:
        parameters.append(request.POST)
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for query in parameters
        for key, values in query.lists()
    )


class RejectNullCharactersMiddleware:
    """Answer 400 to a request carrying a NUL character anywhere in its address or form.

    No text of the portal contains one, and PostgreSQL refuses them in queries: left to
    reach the database, one would turn a harmless probe into a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _contains_nul(request):
            return HttpResponseBadRequest(
                _("The request contains characters that are not allowed."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class PortalCSPMiddleware(CSPMiddleware):
    """The strict public policy everywhere, and the admin's own policy under /admin/:
    Wagtail's editor still relies on inline scripts."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(ADMIN_PREFIX) and parts.config is None:
            parts.config = settings.GOVCMS_ADMIN_CONTENT_SECURITY_POLICY
        return parts


class SessionLifetimeMiddleware:
    """Sign out a session that signed in longer ago than its absolute lifetime allows
    (security/sessions.py), however busy it has been.

    The request then goes on as an anonymous one: the admin sends it to sign in again with
    ``next`` (and answers its scripts' requests 403), as when a session ends idle.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            # Without the cookie there is no session to load, nor a user to look up.
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and request.user.is_authenticated
            and lifetime_is_over(request.session)
        ):
            logout(request)
        return self.get_response(request)


class TwoFactorMiddleware:
    """Send a signed-in user who must use a second factor (security/two_factor.py), and has
    not given it in this session, to enter a code (or to set up an authenticator app first).
    GOVCMS_TWO_FACTOR turns it off (the test settings do)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.GOVCMS_TWO_FACTOR
            and user is not None
            and request.path.startswith(ADMIN_PREFIX)
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(self._open_paths())
            and requires_two_factor(user)
        ):
            step = "verify" if user_has_device(user) else "enrol"
            target = reverse(f"security_two_factor_{step}")
            return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    @cache
    def _open_paths():
        return (
            reverse("security_two_factor_verify"),
            reverse("security_two_factor_enrol"),
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_javascript_catalog"),
            # The icons every admin page, the second-step pages too, fetches and inlines.
            reverse("wagtailadmin_sprite"),
        )
