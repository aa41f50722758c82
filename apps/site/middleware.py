from django.conf import settings
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from .outage import database_unavailable, is_database_outage


class SecurityHeadersMiddleware:
    """Headers Django does not set itself, or sets the same for every page.

    - Permissions-Policy on every response.
    - Referrer-Policy "same-origin" in the admin. Public pages send no referrer at all,
      but with "no-referrer" browsers send "Origin: null" on form posts, and Django's
      CSRF origin check then refuses every admin form, the login included. Cross-origin
      requests still get no referrer. Listed after SecurityMiddleware, whose
      setdefault leaves this value alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        if request.path.startswith(self.admin_prefix):
            response.headers["Referrer-Policy"] = "same-origin"
        return response


class DatabaseOutageMiddleware:
    """An unreachable database answers 503 with Retry-After, not the 500 page.

    Catches what views and template rendering raise; the 500 handler catches the same
    errors raised in other middleware (see apps/site/outage.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            return database_unavailable(request)
        return None


class VaryOnReaderCountryMiddleware:
    """``Vary: Accept-Language`` on every response whose content read the reader's country.

    The contract with any cache in front (a shared proxy, the page cache): a page that
    shows country-specific help says so in its Vary header, set with patch_vary_headers
    before the response leaves this middleware. Listed near the top of MIDDLEWARE so
    everything outside it sees the header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "varies_on_accept_language", False):
            patch_vary_headers(response, ("Accept-Language",))
        return response
