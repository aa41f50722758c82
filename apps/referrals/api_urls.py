from django.urls import path, re_path

from . import api

app_name = "hsds"

# HSDS paths have no trailing slash; <str:pk> so a malformed id reaches the view and gets
# a JSON 404 instead of the HTML one.
urlpatterns = [
    path("", api.index, name="index"),
    path("services", api.services, name="services"),
    path("services/<str:pk>", api.service_detail, name="service"),
    path("organizations", api.organizations, name="organizations"),
    path("organizations/<str:pk>", api.organization_detail, name="organization"),
    path("taxonomies", api.taxonomies, name="taxonomies"),
    path("taxonomy_terms", api.taxonomy_terms, name="taxonomy_terms"),
    # Anything else under the API is a JSON 404, not the site's HTML page.
    re_path(r"^(?P<rest>.*)$", api.not_found),
]
