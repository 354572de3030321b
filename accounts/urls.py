"""/accounts/: sign-up, e-mail verification, log in and out, password change and reset.

Log-in and password views are Django's, with our templates, forms, rate limits and
honeypots. django-axes locks out after repeated failed logins; the rate limits bound how fast
anyone can try, and forms that send e-mail (password reset) are limited harder.
"""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from eca_site.lib.ratelimit import ratelimit

from . import views
from .forms import LoginForm, PasswordResetForm

app_name = "accounts"


def auth_view(view_class, template, limit=None, **kwargs):
    view = view_class.as_view(template_name=f"accounts/{template}.html", **kwargs)
    return ratelimit(limit, key=f"accounts.{template}")(view) if limit else view


urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/done/", views.signup_done, name="signup_done"),
    path("verify/resend/", views.resend_verification, name="resend_verification"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path(
        "login/",
        auth_view(auth_views.LoginView, "login", "20/10m", authentication_form=LoginForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password_change/",
        auth_view(
            auth_views.PasswordChangeView,
            "password_change",
            "10/h",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password_change/done/",
        auth_view(auth_views.PasswordChangeDoneView, "password_change_done"),
        name="password_change_done",
    ),
    path(
        "password_reset/",
        auth_view(
            auth_views.PasswordResetView,
            "password_reset",
            "5/h",
            form_class=PasswordResetForm,
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password_reset/done/",
        auth_view(auth_views.PasswordResetDoneView, "password_reset_done"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_view(
            auth_views.PasswordResetConfirmView,
            "password_reset_confirm",
            "10/h",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_view(auth_views.PasswordResetCompleteView, "password_reset_complete"),
        name="password_reset_complete",
    ),
]
