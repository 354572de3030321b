"""/my/: the signed-in area (`my:` names). Other apps' own pages under /my/ (best practices)
are theirs; their dashboard panels plug in through eca_site.lib.registry.my_panels."""

from django.urls import path

from . import views

app_name = "my"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path(
        "organisations/invitations/<str:token>/",
        views.accept_invitation,
        name="accept_invitation",
    ),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path(
        "organisations/<slug:slug>/edit/<slug:step>/",
        views.organisation_edit,
        name="organisation_step",
    ),
    path(
        "organisations/<slug:slug>/submit/", views.organisation_submit, name="organisation_submit"
    ),
    path(
        "organisations/<slug:slug>/managers/",
        views.organisation_managers,
        name="organisation_managers",
    ),
    path(
        "organisations/<slug:slug>/managers/remove/",
        views.remove_manager,
        name="remove_manager",
    ),
    path(
        "organisations/<slug:slug>/members/",
        views.organisation_members,
        name="organisation_members",
    ),
    path(
        "organisations/<slug:slug>/members/invite/",
        views.invite_member,
        name="invite_member",
    ),
    path("email-language/", views.email_language, name="email_language"),
]
