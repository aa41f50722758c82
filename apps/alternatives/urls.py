from django.urls import path

from . import views

app_name = "alternatives"

# evidence/ and compare/ come before <slug>/ so they are never read as slugs.
urlpatterns = [
    path("", views.alternative_list, name="index"),
    path("evidence/", views.evidence_guide, name="evidence"),
    path("compare/", views.compare_alternatives, name="compare"),
    path("<slug:slug>/", views.AlternativeDetailView.as_view(), name="detail"),
]
