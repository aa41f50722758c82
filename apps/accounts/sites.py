from django.conf import settings
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.views.decorators.cache import never_cache

from . import throttle, twofactor, views
from .forms import StaffAuthenticationForm


class StaffAdminSite(admin.AdminSite):
    """The admin, opened only to staff who passed the second factor when they need one.

    A staff member who signed in with the right password but has no authenticator yet
    may reach one page, the setup page, and nothing else until they finish it.
    """

    login_form = StaffAuthenticationForm
    login_template = "accounts/login.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        # No query here (this runs on every admin request): an account that has a second
        # factor passed it at sign-in (the form asks for it), so with the requirement off
        # an unverified session is one that signed in before any was set up.
        return twofactor.is_verified(request.user) or not settings.STAFF_REQUIRE_2FA

    def must_enrol(self, request):
        user = request.user
        return (
            user.is_active
            and user.is_staff
            and not self.has_permission(request)
            and not twofactor.is_enrolled(user)
        )

    def setup_redirect(self, request):
        return HttpResponseRedirect(reverse("admin:two_factor", current_app=self.name))

    def login(self, request, extra_context=None):
        if request.method == "GET" and self.must_enrol(request):
            return self.setup_redirect(request)
        response = super().login(request, extra_context)
        if request.method != "POST":
            return response
        if response.status_code == 302 and request.user.is_authenticated:
            username = request.user.get_username()
            if self.must_enrol(request):
                response = self.setup_redirect(request)
            response.set_cookie(
                throttle.TRUSTED_DEVICE_COOKIE,
                throttle.trusted_device_token(username),
                max_age=int(throttle.TRUSTED_DEVICE_AGE.total_seconds()),
                path=reverse("admin:index", current_app=self.name),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Strict",
            )
            return response
        form = (getattr(response, "context_data", None) or {}).get("form")
        if form is not None and form.has_error(NON_FIELD_ERRORS, "throttled"):
            # Said plainly in the page; the status lets scripts and proxies see it too.
            response.status_code = 429
        return response

    def get_urls(self):
        return [
            path("two-factor/", views.two_factor(self), name="two_factor"),
            # admin_view() would send someone who has not finished setup back to the setup
            # page; signing out must work for them too (LogoutView checks CSRF, POST only).
            path("logout/", never_cache(self.logout), name="logout"),
            *super().get_urls(),
        ]
