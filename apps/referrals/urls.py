from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("", views.service_list, name="index"),
    path("<slug:slug>/", views.ServiceDetailView.as_view(), name="detail"),
]
