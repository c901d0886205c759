"""The second sign-in factor (enrolment and verification) and the lockout list."""

import base64

import segno
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import TokenForm

WRONG_CODE = gettext_lazy("This code is wrong or has expired. Try the current one.")
# django-otp makes each wrong code double the wait before the next one is checked.
THROTTLED = gettext_lazy("Too many wrong codes. Wait a few seconds, then enter the current code.")


def _next_url(request):
    """Where to go once the code is accepted: a path of this site, or the dashboard."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def enrol(request):
    """Set up an authenticator app: scan the code (or type the key), confirm one code."""
    user = request.user
    if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        return redirect("security_two_factor_verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("token", THROTTLED)
        elif device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Two-step sign-in is now set up for your account."))
            return redirect(_next_url(request))
        else:
            form.add_error("token", WRONG_CODE)
    secret = base64.b32encode(device.bin_key).decode()
    return TemplateResponse(
        request,
        "security/two_factor_enrol.html",
        {
            "form": form,
            "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": _next_url(request) if request.GET.get("next") else "",
        },
    )


def verify(request):
    """Enter the current code of an enrolled authenticator app."""
    user = request.user
    if not TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        return redirect("security_two_factor_enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        throttled = not any(d.verify_is_allowed()[0] for d in devices)
        form.add_error("token", THROTTLED if throttled else WRONG_CODE)
    return TemplateResponse(
        request,
        "security/two_factor_verify.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


def _require_superuser(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def lockouts(request):
    """Failed sign-ins still counted, per account and address, marked where locked."""
    _require_superuser(request)
    limit = settings.AXES_FAILURE_LIMIT
    rows = [
        {"attempt": attempt, "locked": attempt.failures_since_start >= limit}
        for attempt in AccessAttempt.objects.order_by("-attempt_time")
    ]
    return TemplateResponse(
        request,
        "security/lockouts.html",
        {"rows": rows, "limit": limit, "cooloff": settings.AXES_COOLOFF_TIME},
    )


@require_POST
def unlock(request, attempt_id):
    _require_superuser(request)
    attempt = AccessAttempt.objects.filter(pk=attempt_id).first()
    if attempt is not None:
        reset(username=attempt.username, ip=attempt.ip_address)
        messages.success(
            request,
            _("Unlocked %(username)s (%(address)s).")
            % {"username": attempt.username, "address": attempt.ip_address},
        )
    return redirect("security_lockouts")


def locked_out(request, original_response=None, credentials=None):
    """What a locked-out sign-in sees (django-axes calls this): 429, in Vietnamese."""
    cooloff = settings.AXES_COOLOFF_TIME
    minutes = int(cooloff.total_seconds() // 60) if cooloff else None
    return TemplateResponse(
        request, "security/lockout.html", {"minutes": minutes}, status=429
    ).render()
