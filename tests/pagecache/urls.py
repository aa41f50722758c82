"""The site's URLs plus a page that uses a CSP nonce (none of the site's pages do)."""

import secrets

from django.http import HttpResponse
from django.urls import include, path


def nonce_page(request):
    nonce = secrets.token_urlsafe(16)
    response = HttpResponse(f'<script nonce="{nonce}" src="/static/x.js"></script>')
    response["Content-Security-Policy"] = f"script-src 'self' 'nonce-{nonce}'"
    return response


urlpatterns = [path("__test__/nonce/", nonce_page), path("", include("hub.urls"))]
