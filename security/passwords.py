"""Wrong passwords at password-protected pages and documents, counted per address.

Wagtail's password forms accept any number of guesses. Each form re-rendered after a
POST (a wrong password) counts one failure against the client's address, over every
protected page and document together, so spreading guesses across restrictions gains
nothing; at GOVCMS_PASSWORD_FAILURE_LIMIT the address is refused for
GOVCMS_PASSWORD_LOCKOUT, even with the right password.

The count lives in the shared cache (Redis in production, so every app server sees it),
under ``password-failures:<address>``. It expires GOVCMS_PASSWORD_LOCKOUT after the first
failure, or after the failure that locked the address; nothing else clears it.
"""

from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from .addresses import client_address
from .counters import count


def _key(request):
    return f"password-failures:{client_address(request)}"


def _lockout_seconds():
    return int(settings.GOVCMS_PASSWORD_LOCKOUT.total_seconds())


def is_locked(request):
    return cache.get(_key(request), 0) >= settings.GOVCMS_PASSWORD_FAILURE_LIMIT


def count_failure(request):
    """One more wrong password from the request's address, atomically across workers;
    whether the address is now locked."""
    key, timeout = _key(request), _lockout_seconds()
    failures = count(key, timeout)
    if failures == settings.GOVCMS_PASSWORD_FAILURE_LIMIT:
        # The lockout lasts its full length from the failure that caused it.
        cache.touch(key, timeout)
    return failures >= settings.GOVCMS_PASSWORD_FAILURE_LIMIT


def locked_out(request):
    """The 429 page of an address that guessed too often, never stored by any cache."""
    minutes = _lockout_seconds() // 60
    response = TemplateResponse(
        request,
        "security/password_lockout.html",
        {"minutes": minutes},
        status=HTTPStatus.TOO_MANY_REQUESTS,
    )
    response["Retry-After"] = str(_lockout_seconds())
    add_never_cache_headers(response)
    return response


def throttle_password_guesses(view):
    """Wrap one of Wagtail's password form views (pages or documents) with the count."""

    @wraps(view)
    def throttled(request, *args, **kwargs):
        if is_locked(request):
            return locked_out(request)
        response = view(request, *args, **kwargs)
        # Wagtail redirects once the password is right and renders the form again otherwise.
        if (
            request.method == "POST"
            and response.status_code == HTTPStatus.OK
            and count_failure(request)
        ):
            return locked_out(request)
        return response

    return throttled
