"""Registering and managing one's own profiles, included at /my/organisations/."""

from django.urls import path

from . import views_my

app_name = "my"

urlpatterns = [
    path("", views_my.organisation_list, name="organisation_list"),
    path("new/", views_my.organisation_new, name="organisation_new"),
    path("invitations/<str:token>/", views_my.accept_invitation, name="accept_invitation"),
    path("<slug:slug>/edit/", views_my.organisation_edit, name="organisation_edit"),
    path("<slug:slug>/edit/<slug:step>/", views_my.organisation_edit, name="organisation_step"),
    path("<slug:slug>/submit/", views_my.organisation_submit, name="organisation_submit"),
    path("<slug:slug>/managers/", views_my.organisation_managers, name="organisation_managers"),
    path("<slug:slug>/managers/remove/", views_my.remove_manager, name="remove_manager"),
]
