from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("map/", views.map_view, name="map"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("<slug:slug>/", views.profile, name="profile"),
    path("<slug:slug>/partners/", views.partners, name="partners"),
]
