from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import login as otp_login

from . import twofactor
from .forms import AuthenticatorSetupForm, RecoveryCodesForm


def two_factor(site):
    """The setup page: enrol an authenticator app, or (once enrolled and signed in with
    it) see what is set up and get new recovery codes."""

    @never_cache
    @csrf_protect
    def view(request):
        user = request.user
        login_url = reverse("admin:login", current_app=site.name)
        if not (user.is_active and user.is_staff):
            return HttpResponseRedirect(
                f"{login_url}?{REDIRECT_FIELD_NAME}={reverse('admin:two_factor')}"
            )
        context = {**site.each_context(request), "title": "Two-step sign-in"}
        if not twofactor.is_enrolled(user):
            device = twofactor.pending_authenticator(user)
            form = AuthenticatorSetupForm(request.POST or None, device=device)
            if request.method == "POST" and form.is_valid():
                otp_login(request, device)
                return _render(request, context, recovery_codes=form.recovery_codes)
            return _render(
                request,
                context,
                setup_form=form,
                qr_code=twofactor.qr_code_data_uri(device),
                otpauth_uri=device.config_url,
                secret=twofactor.secret_text(device),
            )
        if not twofactor.is_verified(user):
            # Enrolled, but this session did not pass the code: sign in again with it.
            return HttpResponseRedirect(login_url)
        form = RecoveryCodesForm(request.POST or None, user=user)
        if request.method == "POST" and form.is_valid():
            return _render(request, context, recovery_codes=twofactor.new_recovery_codes(user))
        return _render(
            request,
            context,
            codes_form=form,
            codes_left=twofactor.recovery_codes_left(user),
        )

    return view


def _render(request, context, **extra):
    return TemplateResponse(request, "accounts/two_factor.html", {**context, **extra})
