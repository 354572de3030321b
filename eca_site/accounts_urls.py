"""/accounts/: Django's auth views with our templates, forms, rate limits and honeypots.

django-axes locks an IP address or username after 10 failed logins; the rate limits below
bound how fast anyone can try, and mail-sending forms (password reset) are limited harder.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from eca_site.lib.ratelimit import ratelimit

from .forms import LoginForm, PasswordResetForm

urlpatterns = [
    path(
        "login/",
        ratelimit("20/10m")(auth_views.LoginView.as_view(authentication_form=LoginForm)),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password_change/",
        ratelimit("10/h")(auth_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password_reset/",
        ratelimit("5/h")(auth_views.PasswordResetView.as_view(form_class=PasswordResetForm)),
        name="password_reset",
    ),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        ratelimit("10/h")(auth_views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
