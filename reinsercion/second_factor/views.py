"""The second factor's pages: enrolment, the code step, and the administrators' reset."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from axes.helpers import get_lockout_response
from django_otp import login as otp_login
from django_otp import match_token

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from reinsercion.second_factor.actions import (
    confirm_enrolment,
    is_enrolled,
    pending_device,
    reset_second_factor,
)
from reinsercion.second_factor.forms import EnrolForm, VerifyForm
from reinsercion.second_factor.middleware import mark_verified
from reinsercion.second_factor.remember import remember

User = get_user_model()
ISSUER = "Reinserción"


def next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("portal:landing")


@login_required
def enrol(request):
    if is_enrolled(request.user):
        return redirect(
            f"{reverse('second_factor:verify')}?{urlencode({'next': next_url(request)})}"
        )
    device = pending_device(request.user)
    form = EnrolForm(request.POST or None)
    if form.is_valid():
        codes = confirm_enrolment(device=device, token=form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            mark_verified(request)
            return render(
                request,
                "reinsercion/second_factor/recovery_codes.html",
                {"codes": codes, "next": next_url(request)},
            )
        form.add_error("code", "El código no es correcto. Revise la hora del teléfono.")
    secret = b32encode(device.bin_key).decode()
    label = f"{ISSUER}:{request.user.get_username()}"
    uri = f"otpauth://totp/{label}?secret={secret}&issuer={ISSUER}&digits={device.digits}"
    return render(
        request,
        "reinsercion/second_factor/enrol.html",
        {
            "form": form,
            "qr": segno.make(uri, error="m").svg_data_uri(scale=5, border=2),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": next_url(request),
        },
    )


@login_required
def verify(request):
    user = request.user
    if not is_enrolled(user):
        return redirect(
            f"{reverse('second_factor:enrol')}?{urlencode({'next': next_url(request)})}"
        )
    form = VerifyForm(request.POST or None)
    if form.is_valid():
        # django-axes counts a wrong code as a failed login on the username: after
        # AXES_FAILURE_LIMIT of them (password or code) the account is locked.
        credentials = {"username": user.get_username()}
        device = match_token(user, form.cleaned_data["code"])
        if device is None:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                logout(request)
                return get_lockout_response(request, credentials=credentials)
            form.add_error("code", "El código no es correcto.")
        else:
            otp_login(request, device)
            mark_verified(request)
            response = redirect(next_url(request))
            if form.cleaned_data["remember"]:
                app = user.totpdevice_set.filter(confirmed=True).first()
                remember(response, user, app)
            return response
    return render(
        request,
        "reinsercion/second_factor/verify.html",
        {"form": form, "next": next_url(request)},
    )


def _require_superuser(request):
    if not request.user.is_superuser:
        raise PermissionDenied


@login_required
def user_list(request):
    _require_superuser(request)
    users = User.objects.order_by("username").only("username", "first_name", "last_name")
    enrolled = set(User.objects.filter(totpdevice__confirmed=True).values_list("pk", flat=True))
    return render(
        request,
        "reinsercion/second_factor/user_list.html",
        {"rows": [(user, user.pk in enrolled) for user in users]},
    )


@login_required
@require_POST
def reset(request, pk):
    _require_superuser(request)
    user = get_object_or_404(User, pk=pk)
    reset_second_factor(user=user, actor=request.user)
    messages.success(
        request,
        f"Se restableció el segundo factor de {user.get_username()}: "
        "lo activará de nuevo en su próximo ingreso.",
    )
    return redirect("second_factor:user_list")
