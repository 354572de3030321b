"""Self-service sign-up and e-mail verification, included at /accounts/ (see eca_site/urls.py)."""

from django.urls import path

from . import views_my

app_name = "accounts"

urlpatterns = [
    path("signup/", views_my.signup, name="signup"),
    path("signup/done/", views_my.signup_done, name="signup_done"),
    path("verify/resend/", views_my.resend_verification, name="resend_verification"),
    path("verify/<str:token>/", views_my.verify, name="verify"),
]
