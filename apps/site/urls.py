from django.contrib.flatpages import views as flatpage_views
from django.urls import path

from . import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
    path("about/", flatpage_views.flatpage, {"url": "/about/"}, name="about"),
    path("privacy/", flatpage_views.flatpage, {"url": "/privacy/"}, name="privacy"),
    path(
        "editorial-policy/",
        flatpage_views.flatpage,
        {"url": "/editorial-policy/"},
        name="editorial-policy",
    ),
]
