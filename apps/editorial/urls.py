from django.urls import path

from . import views

app_name = "editorial"

urlpatterns = [
    path("topics/", views.topic_index, name="topics"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("contributors/<slug:slug>/", views.contributor_detail, name="contributor"),
]
