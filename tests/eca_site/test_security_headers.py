"""Every page answers with the production security headers, with their exact policies."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from tests.factories import make_event, make_news_item, make_organisation

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; upgrade-insecure-requests"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), "
    "payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), "
    "sync-xhr=(), usb=(), xr-spatial-tracking=()"
)
EXPECTED = {
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
}


def public_urls():
    organisation = make_organisation(slug="headers-cluster")
    return [
        reverse("home"),
        reverse("directory:list"),
        organisation.get_absolute_url(),
        reverse("events:list"),
        make_event(organiser=organisation).get_absolute_url(),
        reverse("news:list"),
        make_news_item(organisation=organisation).get_absolute_url(),
        reverse("news:best_practices"),
        reverse("search") + "?q=cluster",
        reverse("accounts:login"),
        reverse("admin:login"),
    ]


@pytest.mark.django_db
def test_every_page_sends_each_security_header_with_its_exact_policy(anon):
    for url in public_urls():
        response = anon.get(url, secure=True)
        assert response.status_code == 200, url
        for header, value in EXPECTED.items():
            sent = response.headers.get(header)
            if header == "Content-Security-Policy":
                # A page whose template asked for a nonce (the admin's) names it in script-src.
                sent = re.sub(r" 'nonce-[\w-]+'", "", sent)
            assert sent == value, (url, header)


@pytest.mark.django_db
def test_pages_with_a_script_get_a_nonce_in_script_src(staff_client):
    """The admin marks its script tags with {% csp_nonce_attr %}: the policy names that nonce."""
    response = staff_client.get(reverse("admin:index"), secure=True)
    policy = response.headers["Content-Security-Policy"]
    nonce = response.context["csp_nonce"]
    assert f"script-src 'self' 'nonce-{nonce}';" in policy
    assert f'nonce="{nonce}"' in response.text
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_in_production(anon, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = anon.get(reverse("directory:list"))
    assert response.status_code == 301
    assert response.headers["Location"] == "https://testserver/directory/"


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_and_http_only(anon):
    response = anon.get(reverse("admin:login"), secure=True)
    cookie = response.cookies["csrftoken"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_a_media_origin_is_allowed_for_images_only(anon, settings):
    settings.SECURE_CSP = {
        **settings.SECURE_CSP,
        "img-src": [*settings.SECURE_CSP["img-src"], "https://media.example.org"],
    }
    policy = anon.get(reverse("home"), secure=True).headers["Content-Security-Policy"]
    assert "img-src 'self' data: https://media.example.org;" in policy


@pytest.mark.django_db
def test_a_misspelt_permissions_policy_feature_is_a_configuration_error(anon, settings):
    """django-permissions-policy knows the browsers' feature names: a typo is not sent."""
    settings.PERMISSIONS_POLICY = {**settings.PERMISSIONS_POLICY, "camra": []}
    with pytest.raises(ImproperlyConfigured, match="camra"):
        anon.get(reverse("robots_txt"))
