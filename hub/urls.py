from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("apps.site.urls")),
    path("", include("apps.editorial.urls")),
    path("articles/", include("apps.articles.urls")),
    path("alternatives/", include("apps.alternatives.urls")),
    path("help/", include("apps.referrals.urls")),
    path("api/hsds/", include("apps.referrals.api_urls")),
    path("feedback/", include("apps.feedback.urls")),
    path("", include("apps.search.urls")),
    path("", include("apps.seo.urls")),
]

handler400 = "apps.site.views.bad_request"
handler404 = "apps.site.views.page_not_found"
handler500 = "apps.site.views.server_error"
