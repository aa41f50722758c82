from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm

from . import throttle, twofactor


class StaffAuthenticationForm(AdminAuthenticationForm):
    """The admin sign-in: throttled before the password is hashed, and asking for the
    second factor once the account has one (or must have one)."""

    otp_token = forms.CharField(
        label="Code",
        required=False,
        max_length=32,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "second_factor": "Enter the code from your authenticator app, or a recovery code.",
        "bad_second_factor": "That code is not right (or was already used). Try the next one.",
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is not None and self.cleaned_data.get("password"):
            refusal = throttle.check(
                self.request,
                username,
                trusted_device=throttle.is_trusted_device(self.request, username),
            )
            if refusal is not None:
                raise forms.ValidationError(refusal.message, code="throttled")
        try:
            super().clean()  # authenticate(): the password is hashed here
            if self.get_user() is None:  # a field was invalid: nothing was checked
                return self.cleaned_data
            self.clean_second_factor(self.get_user())
        except forms.ValidationError:
            if username is not None:
                throttle.record_failure(self.request, username)
            raise
        throttle.record_success(username)
        return self.cleaned_data

    def clean_second_factor(self, user):
        """Require a code when the user has enrolled. A user who has not (only possible
        before their first sign-in finishes) signs in with the password and is sent to
        set up the app before any admin page opens (see StaffAdminSite)."""
        user.otp_device = None
        if not twofactor.is_enrolled(user):
            return
        code = self.cleaned_data.get("otp_token")
        if not code:
            raise forms.ValidationError(self.error_messages["second_factor"], code="second_factor")
        device = twofactor.verify(user, code)
        if device is None:
            raise forms.ValidationError(
                self.error_messages["bad_second_factor"], code="bad_second_factor"
            )
        # django-otp marks the session verified when login() sees this attribute.
        user.otp_device = device


class AuthenticatorSetupForm(forms.Form):
    code = forms.CharField(
        label="Code from the app",
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        self.recovery_codes = None

    def clean_code(self):
        self.recovery_codes = twofactor.confirm_authenticator(
            self.device, self.cleaned_data["code"]
        )
        if self.recovery_codes is None:
            raise forms.ValidationError(
                "That code does not match. Check the phone's clock is right and type the "
                "code the app shows now."
            )
        return self.cleaned_data["code"]


class RecoveryCodesForm(forms.Form):
    """A POST with this form replaces the recovery codes (a GET never changes them)."""

    otp_token = forms.CharField(
        label="Code from your authenticator app",
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_otp_token(self):
        if (
            twofactor.verify(self.user, self.cleaned_data["otp_token"], recovery_codes=False)
            is None
        ):
            raise forms.ValidationError("That code does not match the app's code now.")
        return self.cleaned_data["otp_token"]
