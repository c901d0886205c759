"""Admin views of the core: the editor's script asks whether its session still lives."""

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def session_status(request):
    """Who is signed in, and the CSRF token a form must now carry (signing in again
    rotates it). The admin answers a request without a live session before this runs."""
    return JsonResponse(
        {
            "user_id": request.user.pk,
            "username": request.user.get_username(),
            "csrf_token": get_token(request),
        }
    )


@never_cache
@require_GET
def signed_in_again(request):
    """Where signing in again from the editor lands: it tells the editing tab."""
    return TemplateResponse(request, "govcms/admin/signed_in_again.html")
